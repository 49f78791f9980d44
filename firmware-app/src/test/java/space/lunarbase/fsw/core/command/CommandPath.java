package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import space.lunarbase.fsw.config.AuthoritySettings;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.mode.RangeSafetyHolds;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.core.time.ClockSync;
import space.lunarbase.fsw.core.time.ClockSyncMonitor;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;

/**
 * The flight core's command path built by hand for a subsystem's component tester, without
 * Micronaut or MQTT: controller test-site/ctl-1 at boot 1, an outbox with the header stamper and
 * event log over it, and, once the subsystem is built on those ({@link #open}), the verifier
 * (development key ring, replay guard in the data folder, the shipped expiry bounds, the clock's
 * synchronisation from {@link #clockSource}) and the dispatcher over its commands. Range safety's
 * holds are kept in the data folder ({@link #holds}). Commands go in as signed bytes from the
 * operator key with the next counter; their acks come back.
 */
public final class CommandPath implements AutoCloseable {

  public final ControllerSettings controller;
  public final Outbox outbox;
  public final HeaderStamper headers;
  public final EventLog events;
  /** Range safety's holds, kept in the data folder: give them to the subsystem's {@link Modes}. */
  public final RangeSafetyHolds holds;
  private final Path data;
  private final InstantSource clock;
  private ClockSync clockSource = ClockSync.SIMULATED;
  private CommandDispatcher dispatcher;
  private ClockSyncMonitor clockSync;
  private long counter;

  /** The outbox holds {@code outboxCapacity} messages; {@code boot} is the controller's start time. */
  public CommandPath(Path data, Instant boot, InstantSource clock, int outboxCapacity) {
    this.data = data;
    this.clock = clock;
    controller = new ControllerSettings("test-site", "ctl-1", data.toString());
    outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 100, outboxCapacity, Duration.ofSeconds(1),
        Duration.ofSeconds(1)));
    headers = new HeaderStamper(controller, new BootInfo(1, boot, "test"));
    events = new EventLog(headers, outbox, clock);
    holds = new RangeSafetyHolds(data, events, clock);
  }

  /** The clock's synchronisation source (before {@link #open}; the simulated board's, always synchronised, by default). */
  public CommandPath clockSource(ClockSync source) {
    if (dispatcher != null) {
      throw new IllegalStateException("the command path is open already");
    }
    this.clockSource = source;
    return this;
  }

  /** The clock's synchronisation as the command checks see it (once open): {@link ClockSyncMonitor#poll} asks again. */
  public ClockSyncMonitor clockSync() {
    return clockSync;
  }

  /**
   * Opens the dispatcher over {@code commands}, checked against {@code modes}, admitting a burst of
   * {@code burst} commands and {@code perSecond} after it; once, after the subsystem is built.
   */
  public void open(List<CommandSet> commands, Modes modes, int burst, double perSecond) {
    if (dispatcher != null) {
      throw new IllegalStateException("the command path is open already");
    }
    CommandSettings settings = settings("unused.yml", 32, burst, perSecond);
    Keys ring = TestKeys.keys();
    clockSync = new ClockSyncMonitor(clockSource, events, clock);
    ReplayGuard replay = ReplayGuard.open(data);
    // a data folder used before (a restart): go on above every counter it accepted
    counter = Math.max(replay.highest(TestKeys.OPERATOR.id()), replay.highest(TestKeys.RANGE_SAFETY.id()));
    CommandVerifier verifier = new CommandVerifier(ring, replay, new CommandRegistry(commands), modes, controller,
        clock, settings, clockSync, new ExpiryBound(AuthoritySettings.defaults()));
    CommandIntake intake = new CommandIntake(settings);
    dispatcher = new CommandDispatcher(intake, verifier, headers, outbox, events, clock, new CommandCounters(intake),
        ring, controller);
    dispatcher.start();
  }

  /**
   * Command settings with {@code burst} and {@code perSecond} per key and application.yml's
   * defaults for the anonymous bucket (20, 2/s) and the safing reserve (5, 0.1/s).
   */
  public static CommandSettings settings(String keyFile, int queueCapacity, int burst, double perSecond) {
    return new CommandSettings(keyFile, queueCapacity, burst, perSecond, 20, 2, 5, 0.1);
  }

  /** A command from the operator key with the next counter, expiring in a minute of the clock's time. */
  public TestCommand command(String name) {
    counter++;
    return TestCommand.of(name).counter(counter).requestId(counter).expires(clock.instant().plusSeconds(60));
  }

  /** Processes {@code command} as the dispatcher would on arrival; returns its acks. */
  public List<CommandAck> process(TestCommand command) {
    if (dispatcher == null) {
      throw new IllegalStateException("open the command path first");
    }
    List<CommandAck> acks = dispatcher.process(new CommandIntake.Inbound(command.signed(),
        CommandIntake.Admission.NORMAL));
    AckMacs.assertSigned(acks, TestKeys.ring(), controller.site(), controller.controller());
    return acks;
  }

  /** Asserts ACCEPTED then COMPLETED; returns the completion text. */
  public static String assertCompleted(List<CommandAck> acks) {
    assertThat(acks).extracting(CommandAck::getStatus).as(acks.toString())
        .containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_COMPLETED);
    return acks.getLast().getText();
  }

  /** Asserts ACCEPTED then FAILED (EXECUTION_FAILED, refused by the handler) with a reason text; returns it. */
  public static String assertFailed(List<CommandAck> acks) {
    assertThat(acks).extracting(CommandAck::getStatus).as(acks.toString())
        .containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_FAILED);
    assertThat(acks.getLast().getReason()).isEqualTo(Reason.REASON_EXECUTION_FAILED);
    assertThat(acks.getLast().getText()).isNotBlank();
    return acks.getLast().getText();
  }

  /** Asserts one REJECTED ack with {@code reason} and a text; returns the text. */
  public static String assertRejected(List<CommandAck> acks, Reason reason) {
    assertThat(acks).extracting(CommandAck::getStatus).as(acks.toString()).containsExactly(Status.STATUS_REJECTED);
    assertThat(acks.getLast().getReason()).as(acks.getLast().getText()).isEqualTo(reason);
    assertThat(acks.getLast().getText()).isNotBlank();
    return acks.getLast().getText();
  }

  @Override
  public void close() {
    if (dispatcher != null) {
      dispatcher.close();
    }
  }
}
