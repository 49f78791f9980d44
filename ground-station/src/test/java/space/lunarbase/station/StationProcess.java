package space.lunarbase.station;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The ground station as a process of its own (the test JVM's classpath, the application's main),
 * so that {@code kill -9} is real. Talks to it over its API.
 */
final class StationProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private StationProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static StationProcess start(String brokerUrl, Path dataDir, Path log) {
    int port = MosquittoBroker.FreePort.find();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Dquestdb.libs.dir=" + System.getProperty("questdb.libs.dir"),
        "-cp", System.getProperty("java.class.path"), StationApplication.class.getName(),
        "--lunarbase.station.broker-url=" + brokerUrl, "--lunarbase.station.data-dir=" + dataDir,
        "--micronaut.server.port=" + port));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      StationProcess station = new StationProcess(process, port);
      await("the station's API").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .failFast("the station exited", () -> !process.isAlive())
          .until(() -> station.status().contains("\"connected\":true"));
      return station;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the station", e);
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  String get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  String status() {
    return get("/api/status");
  }

  long committedMessages() {
    String status = status();
    int at = status.indexOf("\"committedMessages\":");
    if (at < 0) {
      return -1;
    }
    String rest = status.substring(at + "\"committedMessages\":".length());
    return Long.parseLong(rest.substring(0, rest.indexOf(',')));
  }

  /** SIGKILL. */
  void kill() {
    ChildProcesses.kill(process);
  }

  @Override
  public void close() {
    ChildProcesses.stop(process, 15);
  }
}
