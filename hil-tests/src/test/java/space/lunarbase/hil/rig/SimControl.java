package space.lunarbase.hil.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Client of the firmware's simulation control channel ({@code /sim} on its loopback server; see
 * docs/subsystems/hal.md): faults, clock and the plants' true state.
 */
public final class SimControl {

  /** A request the channel refused: its HTTP status and reason. */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String reason) {
      super(status + ": " + reason);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  SimControl(String base) {
    this.base = base;
  }

  /** {@code http://127.0.0.1:port/sim}. */
  public String base() {
    return base;
  }

  /** Injects fault {@code name} with parameters (name, value, ...); returns what the firmware says it did. */
  public String inject(String name, Object... params) {
    return post("/faults/" + name, params).path("done").asText();
  }

  /** The fault catalogue. */
  public JsonNode catalogue() {
    return get("/faults");
  }

  /** The simulated time now. */
  public Instant now() {
    return Instant.parse(get("/clock").path("simTime").asText());
  }

  /** Sets the clock's rate (0 pauses); returns the clock state. */
  public JsonNode rate(double rate) {
    return post("/clock", "rate", rate);
  }

  /** Steps the clock forward. */
  public JsonNode advance(Duration step) {
    return post("/clock/advance", "seconds", step.toNanos() / 1e9);
  }

  /** The plants' true state. */
  public JsonNode truth() {
    return get("/state");
  }

  /** {@code /health} of the same server (its subsystems, link, rate groups and clock). */
  public JsonNode health() {
    String server = base.substring(0, base.length() - "/sim".length());
    return send(HttpRequest.newBuilder(URI.create(server + "/health")).timeout(Duration.ofSeconds(10)).GET().build());
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build());
  }

  JsonNode post(String path, Object... params) {
    if (params.length % 2 != 0) {
      throw new IllegalArgumentException("parameters are name, value pairs");
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      query.put(String.valueOf(params[i]), String.valueOf(params[i + 1]));
    }
    String q = query.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path + (q.isEmpty() ? "" : "?" + q)))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new Refused(response.statusCode(), body.path("error").asText(response.body()));
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException("the simulation control channel at " + base + " did not answer " + request.uri()
          + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
