package space.lunarbase.fsw.sim.control;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.SimControlGuard;
import space.lunarbase.fsw.sim.SimulatedHardware;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedBoard;

/**
 * The simulation control channel: fault injection and clock control for a rig, on the firmware's
 * own loopback HTTP server, under {@code /sim}. It exists only with {@code hal.mode=sim} and
 * {@code lunarbase.sim-control.enabled=true} ({@link SimControlGuard} refuses the flag in real
 * mode and on a non-loopback server), and answers only requests from a loopback address.
 *
 * <ul>
 *   <li>{@code GET /sim/faults}: the fault catalogue ({@link SimFaults}), each with its parameters;
 *   <li>{@code POST /sim/faults/{name}?param=value...}: inject; 200 with what was done, 404 unknown
 *       fault, 400 bad parameters, 409 refused by the simulation; each with a reason;
 *   <li>{@code GET /sim/clock}: simulated time and rate; {@code POST /sim/clock?rate=R} sets the
 *       rate (0 pauses: the rate groups stop with it); {@code POST /sim/clock/advance?seconds=S}
 *       steps it forward;
 *   <li>{@code GET /sim/state}: the plants' true state ({@link PlantTruth}).
 * </ul>
 * Every reply is JSON; a refusal is {@code {"error": reason}}.
 */
@Controller("/sim")
@SimulatedHardware
@Requires(property = SimControlGuard.ENABLED, value = "true")
public final class SimControlController {

  private static final Logger LOG = LoggerFactory.getLogger("sim-control");
  /** The fastest clock {@code hal.sim-clock-rate} allows. */
  static final double MAX_RATE = 1_000_000;
  /** The longest single step of {@code /sim/clock/advance}: 400 days. */
  static final double MAX_ADVANCE_SECONDS = 400 * 86_400.0;

  private final SimFaults faults;
  private final PlantTruth truth;
  private final SimulatedBoard board;

  SimControlController(SimFaults faults, PlantTruth truth) {
    this.faults = faults;
    this.truth = truth;
    this.board = faults.board();
  }

  @Get(value = "/faults", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> catalogue(HttpRequest<?> request) {
    return guarded(request, () -> Map.of("faults", faults.catalogue().stream().map(FaultSpec::describe).toList()));
  }

  @Post(value = "/faults/{name}", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> inject(@PathVariable String name, HttpRequest<?> request) {
    return guarded(request, () -> {
      String done = faults.inject(name, parameters(request));
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("fault", name);
      reply.put("done", done);
      reply.put("simTime", board.clock().instant().toString());
      return reply;
    });
  }

  @Get(value = "/clock", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> clock(HttpRequest<?> request) {
    return guarded(request, this::clockState);
  }

  @Post(value = "/clock", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> setRate(HttpRequest<?> request) {
    return guarded(request, () -> {
      Map<String, String> given = parameters(request);
      only(given, "rate");
      double rate = (Double) FaultParam.number("rate", 0, MAX_RATE, "simulated seconds per real second")
          .parse(given.get("rate"));
      board.clock().setRate(rate);
      LOG.warn("simulation clock rate set to {}", rate);
      return clockState();
    });
  }

  @Post(value = "/clock/advance", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> advance(HttpRequest<?> request) {
    return guarded(request, () -> {
      Map<String, String> given = parameters(request);
      only(given, "seconds");
      double seconds = (Double) FaultParam.number("seconds", 0, MAX_ADVANCE_SECONDS, "simulated seconds")
          .parse(given.get("seconds"));
      board.advance(Duration.ofNanos(Math.round(seconds * 1e9)));
      LOG.warn("simulation clock advanced by {} s", seconds);
      return clockState();
    });
  }

  @Get(value = "/state", produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> state(HttpRequest<?> request) {
    return guarded(request, truth::snapshot);
  }

  private Map<String, Object> clockState() {
    SimClock clock = board.clock();
    var now = clock.instant();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("simTime", now.toString());
    m.put("simTimeNanos", now.getEpochSecond() * 1_000_000_000L + now.getNano());
    m.put("rate", clock.rate());
    return m;
  }

  /** The query parameters, each given once. */
  private static Map<String, String> parameters(HttpRequest<?> request) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String name : request.getParameters().names()) {
      List<String> values = request.getParameters().getAll(name);
      if (values.size() != 1) {
        throw FaultRefused.badRequest("parameter " + name + " is given " + values.size() + " times");
      }
      given.put(name, values.getFirst());
    }
    return given;
  }

  private static void only(Map<String, String> given, String name) {
    if (!given.keySet().equals(java.util.Set.of(name))) {
      throw FaultRefused.badRequest("give exactly one parameter, " + name + "; given: " + given.keySet());
    }
  }

  private interface Reply {
    Object get();
  }

  /** Loopback callers only; a refusal becomes its status with {@code {"error": reason}}. */
  private static HttpResponse<?> guarded(HttpRequest<?> request, Reply reply) {
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null || remote.getAddress() == null || !remote.getAddress().isLoopbackAddress()) {
      return HttpResponse.status(HttpStatus.FORBIDDEN).body(Map.of("error",
          "the simulation control channel answers loopback callers only, not " + remote));
    }
    try {
      return HttpResponse.ok(reply.get());
    } catch (FaultRefused e) {
      return HttpResponse.status(HttpStatus.valueOf(e.status())).body(Map.of("error", e.getMessage()));
    }
  }
}
