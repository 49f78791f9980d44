package space.lunarbase.hil.rig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * The firmware's {@code /prometheus} (docs/subsystems/health.md), on the same loopback
 * server as the simulation control channel: the counters a metrics scraper sees of the controller.
 */
public final class Metrics {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  /** {@code base}: {@code http://127.0.0.1:port}. */
  Metrics(String base) {
    this.base = base;
  }

  /**
   * The value of the Prometheus sample {@code name} with exactly {@code labels} (e.g.
   * {@code "status=\"received\""}); fails if the firmware does not export it.
   */
  public double meter(String name, String... labels) {
    String sample = name + (labels.length == 0 ? "" : "{" + String.join(",", labels) + "}");
    String body = get("/prometheus").body();
    return body.lines().filter(l -> l.startsWith(sample + " ")).findFirst()
        .map(l -> Double.parseDouble(l.substring(sample.length() + 1).trim()))
        .orElseThrow(() -> new AssertionError("no sample " + sample + " on /prometheus; " + name + " lines: "
            + Arrays.toString(body.lines().filter(l -> l.startsWith(name)).toArray())));
  }

  private HttpResponse<String> get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + base + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: GET " + base + path, e);
    }
  }
}
