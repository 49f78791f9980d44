package space.lunarbase.fsw.core.command;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import space.lunarbase.fsw.config.AuthoritySettings;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.mode.RangeSafety;
import space.lunarbase.fsw.core.mode.RangeSafetyHolds;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.core.time.ClockSync;
import space.lunarbase.fsw.core.time.ClockSyncMonitor;

/**
 * The command path built by hand, without Micronaut, MQTT or hardware (the core's commands only),
 * on a clock the test sets: for fuzzing and properties that need speed.
 */
final class CommandStack implements AutoCloseable {

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2027-01-01T00:00:00Z"));
  final InstantSource clock = () -> now.get();
  final Outbox outbox;
  final Modes modes;
  /** The core's commands (SET_MODE with range safety's holds kept in the data folder). */
  final CommandRegistry registry;
  final ReplayGuard replay;
  final CommandIntake intake;
  final CommandCounters counters;
  final CommandDispatcher dispatcher;
  final EventLog events;
  final Keys keys;

  CommandStack(Path data, int burst, double perSecond) {
    this(data, CommandPath.settings("unused.yml", 32, burst, perSecond));
  }

  CommandStack(Path data, CommandSettings settings) {
    this(data, settings, TestKeys.keys());
  }

  /** The stack judging by {@code keys} (a ring with a file can be reloaded). */
  CommandStack(Path data, CommandSettings settings, Keys keys) {
    this.keys = keys;
    ControllerSettings controller = new ControllerSettings("test-site", "ctl-1", data.toString());
    outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 100, 1000, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    HeaderStamper headers = new HeaderStamper(controller, new BootInfo(1, now.get(), "test"));
    events = new EventLog(headers, outbox, clock);
    RangeSafetyHolds holds = new RangeSafetyHolds(data, events, clock);
    modes = new Modes(events, List.of(holds));
    registry = new CommandRegistry(List.of(new CoreCommands(modes, new RangeSafety(modes, holds))));
    replay = ReplayGuard.open(data);
    CommandVerifier verifier = new CommandVerifier(keys, replay, registry, modes, controller, clock,
        settings, new ClockSyncMonitor(ClockSync.SIMULATED, events, clock),
        new ExpiryBound(AuthoritySettings.defaults()));
    intake = new CommandIntake(settings);
    counters = new CommandCounters(intake);
    dispatcher = new CommandDispatcher(intake, verifier, headers, outbox, events, clock, counters, keys,
        controller);
    dispatcher.start();
  }

  /** Processes {@code payload} as if it had just arrived, on the caller's thread. */
  List<space.lunarbase.proto.v1.CommandAck> process(byte[] payload) {
    return dispatcher.process(new CommandIntake.Inbound(payload, CommandIntake.Admission.NORMAL));
  }

  TestCommand command(String name, long counter) {
    return TestCommand.of(name).counter(counter).expires(now.get().plusSeconds(60));
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
