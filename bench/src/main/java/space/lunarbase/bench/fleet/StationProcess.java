package space.lunarbase.bench.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ground station as a process (its runnable jar), against one broker, with a fresh archive. */
final class StationProcess implements AutoCloseable {

  private static final Pattern COMMITTED = Pattern.compile("\"committedMessages\"\\s*:\\s*([0-9]+)");
  private static final Pattern CONNECTED = Pattern.compile("\"connected\"\\s*:\\s*true");

  private final Process process;
  private final URI status;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private StationProcess(Process process, int port) {
    this.process = process;
    this.status = URI.create("http://127.0.0.1:" + port + "/api/status");
  }

  static StationProcess start(Path java, Path jar, String brokerUrl, Path dataDir, int port, Path log)
      throws IOException {
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow", "-jar", jar.toString(),
        "--lunarbase.station.broker-url=" + brokerUrl, "--lunarbase.station.data-dir=" + dataDir,
        "--lunarbase.station.client-id=ground-station-bench", "--micronaut.server.port=" + port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new StationProcess(process, port);
  }

  long pid() {
    return process.pid();
  }

  /** Waits until the station answers and is connected to its broker. */
  void awaitConnected(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the ground station exited with " + process.exitValue());
      }
      String body = body();
      if (body != null && CONNECTED.matcher(body).find()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the ground station did not connect within " + limit);
  }

  /** Messages the station has committed to its archive, or -1 if it does not answer. */
  long committed() throws InterruptedException {
    String body = body();
    if (body == null) {
      return -1;
    }
    Matcher m = COMMITTED.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private String body() throws InterruptedException {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
