package space.lunarbase.fsw.app.tracker;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.core.value.MapPropertyResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.KnownCableWrap;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.config.TrackerSettings;
import space.lunarbase.fsw.config.TrackerSiteSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.channel.LimitMonitor;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.fdir.FaultResponse;
import space.lunarbase.fsw.core.fdir.RedConditions;
import space.lunarbase.fsw.core.fdir.SiteSafing;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.hal.sim.SimulatedTracker;
import space.lunarbase.hal.sim.SledPlant;
import space.lunarbase.hal.sim.SunDirection;
import space.lunarbase.hal.sim.TrackerPlant;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The tracker's component tester, in F Prime's manner, built by hand without Micronaut or MQTT: a
 * simulated board with the demo tracker (real drivers over simulated chips) whose Sun is the real
 * Sun at the demo site, on a manual clock; the real controller, frames, channels with the limit
 * monitor, modes, parameters, safing and event log. {@link #step} advances the board's clock and
 * runs one control cycle, one limit check and (every {@code framesEvery} steps) one telemetry
 * frame, so a lunar day runs in accelerated time. Everything the firmware sends is collected from
 * the outbox.
 */
final class TrackerTester implements AutoCloseable {

  /** The configuration application.yml ships ({@code lunarbase.tracker.*}). */
  static TrackerSettings settings() {
    return new TrackerSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 90, 540, -4, 84, 0.05, 10, 0.9,
        Duration.ofSeconds(60), 2.0);
  }

  /** The demo site, as application.yml gives it. */
  static TrackerSiteSettings site() {
    return new TrackerSiteSettings("moon", -89.9, 0.0, 0.0);
  }

  /** The parameter defaults application.yml ships, with {@code overrides}. */
  static Map<String, Object> parameters(Map<String, Object> overrides) {
    Map<String, Object> p = new HashMap<>();
    p.put("lunarbase.parameters.tracker.unwind-at-deg", 480.0);
    p.put("lunarbase.parameters.tracker.sun-sensor-enabled", true);
    p.put("lunarbase.parameters.tracker.sun-sensor-min-v", 1.0);
    p.put("lunarbase.parameters.tracker.horizon-deg", 0.0);
    p.put("lunarbase.parameters.tracker.dark-unwind-after-s", 21600.0);
    p.putAll(overrides);
    return p;
  }

  final SimClock clock;
  final SunDirection sun = SunDirection.ephemeris(SimulatedBoard.Plants.DEMO_SITE);
  final SimulatedBoard board;
  final SimulatedTracker sim;
  final List<Event> events = new ArrayList<>();
  final List<TelemetryFrame> telemetry = new ArrayList<>();
  private final Path data;
  private final Map<String, Object> parameterOverrides;
  private final int framesEvery;
  private final KnownCableWrap knownWrap;
  Outbox outbox;
  Modes modes;
  Parameters parameters;
  TrackerController controller;
  TrackerFrames frames;
  LimitMonitor monitor;
  private long steps;
  private long boots;

  TrackerTester(Path data, Instant start, TrackerPlant.Spec plant, Map<String, Object> parameterOverrides,
      int framesEvery) {
    this(data, start, plant, parameterOverrides, framesEvery, false);
  }

  /**
   * As above; with {@code wrapFromPlant} the controller is told the plant's cable wrap, as the
   * firmware on a simulated board is ({@link KnownCableWrap}); without it, it knows what a real
   * board knows (nothing: the saved wrap, or an assumption).
   */
  TrackerTester(Path data, Instant start, TrackerPlant.Spec plant, Map<String, Object> parameterOverrides,
      int framesEvery, boolean wrapFromPlant) {
    this.data = data;
    this.parameterOverrides = Map.copyOf(parameterOverrides);
    this.framesEvery = framesEvery;
    clock = SimClock.manual(start);
    BoardDescription demo = BoardDescription.demo();
    board = SimulatedBoard.start(BoardDescription.of(null, demo.tracker().orElseThrow(), null),
        new SimulatedBoard.Plants(CellStringPlant.Spec.demo(0.02), plant, sun, SledPlant.Spec.demo()), clock);
    sim = board.trackerSim().orElseThrow();
    knownWrap = wrapFromPlant ? () -> OptionalDouble.of(sim.plant().cableWrapDeg()) : KnownCableWrap.NONE;
    boot();
  }

  /**
   * A restart of the firmware on the same board and data folder: a new controller, modes,
   * parameters and event log (the hardware keeps where it is; the motors are disabled, as a
   * stopped firmware leaves them).
   */
  void reboot() {
    sim.tracker().enableMotors(false);
    boot();
  }

  private void boot() {
    ControllerSettings controllerSettings = new ControllerSettings("test-site", "ctl-1", data.toString());
    outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 100, 100_000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    HeaderStamper headers = new HeaderStamper(controllerSettings, new BootInfo(++boots, clock.instant(), "test"));
    EventLog log = new EventLog(headers, outbox, clock);
    RedConditions conditions = new RedConditions();
    modes = new Modes(log, List.of(conditions));
    SiteSafing safing = new SiteSafing(board, modes, log);
    TrackerSettings settings = settings();
    parameters = new Parameters(List.of(new TrackerParameters(board, settings)),
        new MapPropertyResolver(parameters(parameterOverrides)), controllerSettings, log);
    controller = new TrackerController(board, settings, site(), modes, safing, log, parameters, controllerSettings,
        knownWrap);
    frames = new TrackerFrames(controller, headers, outbox,
        new StoreAndForwardSettings(false, 1 << 20, 1 << 16, Duration.ZERO), board, settings);
    monitor = new LimitMonitor(List.of(new TrackerChannels(controller, settings)), log,
        List.of(new FaultResponse(safing, conditions)));
  }

  /** Advances the clock by {@code step}, then runs one control cycle and one limit check. */
  void step(Duration step) {
    board.advance(step);
    Instant now = clock.instant();
    controller.cycle(now);
    monitor.evaluate(now);
    if (framesEvery > 0 && ++steps % framesEvery == 0) {
      frames.publish();
    }
    drain();
  }

  /** Steps (at least once) until {@code done} holds or {@code limit} has passed; returns whether it held. */
  boolean stepUntil(Duration step, Duration limit, Predicate<TrackerTester> done) {
    Instant end = clock.instant().plus(limit);
    do {
      step(step);
      if (done.test(this)) {
        return true;
      }
    } while (clock.instant().isBefore(end));
    return false;
  }

  TrackerStatus status() {
    return controller.status().orElseThrow();
  }

  TrackerState state() {
    return status().state();
  }

  TrackerPlant plant() {
    return sim.plant();
  }

  /** The true angle between where the array points and where the Sun is, degrees (the plant's truth). */
  double truePointingErrorDeg() {
    return plant().pointing().angleTo(sun.at(clock.instant()));
  }

  /** The events named {@code name} so far. */
  List<Event> events(String name) {
    return events.stream().filter(e -> e.getName().equals(name)).toList();
  }

  /** The STATE_CHANGED events into {@code state} so far. */
  List<Event> entered(TrackerState state) {
    return events("TRACKER_STATE_CHANGED").stream().filter(e -> state.name().equals(e.getArgsMap().get("to")))
        .toList();
  }

  private void drain() {
    try {
      for (Outbound out = outbox.poll(Duration.ZERO); out != null; out = outbox.poll(Duration.ZERO)) {
        if (out.stream().equals(EventLog.STREAM)) {
          events.add(Event.parseFrom(out.payload()));
        } else if (out.stream().equals(TrackerFrames.STREAM)) {
          telemetry.add(TelemetryFrame.parseFrom(out.payload()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the firmware sent bytes that do not parse", e);
    }
  }

  @Override
  public void close() {
    board.close();
  }
}
