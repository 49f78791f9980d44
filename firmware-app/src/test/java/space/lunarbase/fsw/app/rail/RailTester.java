package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.io.scan.DefaultClassPathResourceLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import space.lunarbase.fsw.app.bank.ShotReadiness;
import space.lunarbase.fsw.core.command.CommandPath;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CoreCommands;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.mode.RangeSafety;
import space.lunarbase.fsw.core.param.ParamCommands;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.core.time.ClockSync;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.board.RailRatings;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.hal.sim.SimulatedRail;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.RailTelemetry;
import space.lunarbase.proto.v1.ShotReport;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The rail's component tester, in F Prime's manner, without a broker: the demo board simulated on
 * a manual clock (the rail fed by the bank), the real command path (signed commands through the
 * verifier and dispatcher: roles, modes, acks), the rail's sequencer over the real drivers, its
 * parameters' shipped defaults ({@code application.yml}), and {@link TestBankReadiness} over the
 * board's cells. Tests send commands, step the sequence cycle by cycle and assert on the acks,
 * events and telemetry that came out of the outbox, and on the hardware.
 */
final class RailTester implements AutoCloseable {

  static final Instant T0 = Instant.parse("2030-03-01T00:00:00Z");
  static final Duration CYCLE = Duration.ofMillis(10);
  /** A one-stage shot on the demo rail: 10 kg to 70 m/s is 1 stage of 50 kJ at 0.5 (70.71 m/s). */
  static final String PAYLOAD = "sat-0001";
  /** A well-formed token no arm has (a guess: right once in 2^64). */
  static final String NO_ARM = "0000-0000-0000-0000";
  private static final Pattern TOKEN = Pattern.compile("token ([0-9a-f]{4}(?:-[0-9a-f]{4}){3})");

  final SimClock clock = SimClock.manual(T0);
  final SimulatedBoard board;
  final SimulatedRail railSim;
  final LaunchRail rail;
  final Outbox outbox;
  final Modes modes;
  final RangeSafety rangeSafety;
  final Parameters parameters;
  final RailSequencer sequencer;
  private final CommandPath commands;
  private final List<Outbound> out = new ArrayList<>();

  /** With the bank's readiness. */
  RailTester(Path data) {
    this(data, true);
  }

  RailTester(Path data, boolean withBank) {
    this(data, withBank, RailRatings.DEFAULT);
  }

  /** {@code ratings}: what the rail's board description rates it for (its parameters' cross-checks). */
  RailTester(Path data, boolean withBank, RailRatings ratings) {
    this(data, withBank, ratings, ClockSync.SIMULATED);
  }

  /** {@code clockSource}: whether the controller's clock is synchronised (time-critical commands). */
  RailTester(Path data, boolean withBank, RailRatings ratings, ClockSync clockSource) {
    board = SimulatedBoard.start(BoardDescription.demo(), SimulatedBoard.Plants.demo().withRailFedByBank(true), clock);
    railSim = board.railSim().orElseThrow();
    rail = board.rail().orElseThrow();
    commands = new CommandPath(data, T0, clock, 10_000).clockSource(clockSource);
    outbox = commands.outbox;
    EventLog events = commands.events;
    modes = new Modes(events, List.of(commands.holds));
    rangeSafety = new RangeSafety(modes, commands.holds);
    parameters = new Parameters(List.of(new RailParameters(board, ratings)), shippedConfiguration(),
        commands.controller, events);
    Optional<ShotReadiness> bank = withBank ? Optional.of(new TestBankReadiness(board)) : Optional.empty();
    RailGeometry geometry = RailGeometry.of(BoardDescription.demo().rail().orElseThrow());
    sequencer = new RailSequencer(rail, geometry, new Interlocks(rail, bank, parameters), parameters, modes, events,
        new RailFrames(commands.headers, outbox, 1), clock);
    CommandSet railCommands = () -> RailCommands.declare(sequencer, rangeSafety);
    commands.open(List.of(new CoreCommands(modes, rangeSafety), railCommands,
        new ParamCommands(parameters, new RailParameterGate(modes, Optional.of(sequencer)))), modes, 10_000, 10_000);
    if (commands.holds.of("rail").isEmpty()) {
      modes.set("rail", Mode.NOMINAL, "test set-up");
    }
  }

  /** The shipped defaults of every parameter, read from {@code application.yml}. */
  private static PropertySourcePropertyResolver shippedConfiguration() {
    PropertySource yml = new YamlPropertySourceLoader().load("application",
        new DefaultClassPathResourceLoader(RailTester.class.getClassLoader())).orElseThrow();
    return new PropertySourcePropertyResolver(yml);
  }

  // -- commands

  /** A command from the operator key, the next counter, expiring in a minute of simulated time. */
  TestCommand command(String name) {
    return commands.command(name);
  }

  TestCommand plan(String payload, double massKg, double speedMps) {
    return command("rail.PLAN_SHOT").text("payload_id", payload).number("mass_kg", massKg)
        .number("exit_speed_mps", speedMps);
  }

  /** The demo's one-stage shot of {@link #PAYLOAD}. */
  TestCommand plan() {
    return plan(PAYLOAD, 10, 70);
  }

  /** rail.FIRE of the arm {@code token} names, from the range-safety key. */
  TestCommand fire(String token) {
    return command("rail.FIRE").text("arm", token).key(TestKeys.RANGE_SAFETY);
  }

  /** The arm token an ARM's ack text gives ({@code ... token 9f3c-2a1b-77e0-c4d5 ...}). */
  static String tokenIn(String armAck) {
    Matcher m = TOKEN.matcher(armAck);
    assertThat(m.find()).as("a token in '" + armAck + "'").isTrue();
    return m.group(1);
  }

  /** Processes {@code command} as the dispatcher would on arrival; returns its acks. */
  List<CommandAck> send(TestCommand command) {
    List<CommandAck> acks = commands.process(command);
    collect();
    return acks;
  }

  /** Sends {@code command}, asserts ACCEPTED then COMPLETED; returns the final ack's text. */
  String completed(TestCommand command) {
    return CommandPath.assertCompleted(send(command));
  }

  /** Sends {@code command}, asserts ACCEPTED then FAILED (EXECUTION_FAILED); returns the reason text. */
  String failed(TestCommand command) {
    return CommandPath.assertFailed(send(command));
  }

  /** Sends {@code command}, asserts one REJECTED ack with {@code reason}; returns its text. */
  String rejected(TestCommand command, Reason reason) {
    return CommandPath.assertRejected(send(command), reason);
  }

  /** The command path (its holds and clock synchronisation). */
  CommandPath path() {
    return commands;
  }

  // -- time

  /** One sequence cycle: the clock moves 10 ms and the sequencer runs. */
  void cycle() {
    clock.advance(CYCLE);
    sequencer.tick(clock.instant());
    collect();
  }

  /** Cycles until {@code done}, at most {@code limit} of simulated time; asserts it got there. */
  void cycleUntil(BooleanSupplier done, Duration limit, String what) {
    Instant end = clock.instant().plus(limit);
    while (!done.getAsBoolean() && clock.instant().isBefore(end)) {
      cycle();
    }
    assertThat(done.getAsBoolean()).as(what + " within " + limit).isTrue();
  }

  /** Cycles for {@code span} of simulated time. */
  void cycleFor(Duration span) {
    Instant end = clock.instant().plus(span);
    while (clock.instant().isBefore(end)) {
      cycle();
    }
  }

  /** Charges the bank at the charger's full 100 A for {@code span} (main contactor closed), then stops charging. */
  void charge(Duration span) {
    CellStringPlant cells = board.bankSim().orElseThrow().plant();
    cells.setCoil(CellStringPlant.Switch.MAIN, true);
    cells.setChargerDuty(1.0);
    board.advance(span);
    cells.setChargerDuty(0);
  }

  /** Charged for the one-stage shot: 60 s at 100 A, about 72 kJ. */
  void charged() {
    charge(Duration.ofSeconds(60));
  }

  // -- the sequence in steps

  /** PLAN_SHOT (one stage) and ARM, then cycles until ARMED; returns the arm's token. */
  String armed() {
    completed(plan());
    return arm();
  }

  /**
   * ARM (the shot planned), then cycles until ARMED; returns the arm's token as the ARM's ack gives
   * it (and asserts tlm/rail publishes the same).
   */
  String arm() {
    String token = tokenIn(completed(command("rail.ARM")));
    cycleUntil(() -> sequencer.state() == RailState.ARMED, Duration.ofSeconds(2), "ARMED");
    assertThat(railFrames().getLast().getArmToken()).as("tlm/rail's arm token").isEqualTo(token);
    return token;
  }

  /** Armed and fired: the rail is in FIRE. */
  void firing() {
    String arm = armed();
    completed(fire(arm));
    assertThat(sequencer.state()).isEqualTo(RailState.FIRE);
  }

  /** Fired and flown: cycles until ANALYZE (and no further). */
  void analysing() {
    firing();
    cycleUntil(() -> sequencer.state() == RailState.ANALYZE, Duration.ofSeconds(3), "ANALYZE");
  }

  /** Brings the rail to {@code state} the way an operator would. */
  void bringTo(RailState state) {
    switch (state) {
      case SAFE -> completed(plan());
      case ARMING -> {
        completed(plan());
        completed(command("rail.ARM"));
      }
      case ARMED -> armed();
      case FIRE -> firing();
      case ANALYZE -> analysing();
    }
    assertThat(sequencer.state()).isEqualTo(state);
  }

  // -- what came out

  /** Every event emitted so far, oldest first. */
  List<Event> events() {
    collect();
    return out.stream().filter(m -> m.stream().equals(EventLog.STREAM)).map(m -> parse(m, Event::parseFrom)).toList();
  }

  /** Events named {@code name}. */
  List<Event> events(String name) {
    return events().stream().filter(e -> e.getName().equals(name)).toList();
  }

  /** Every shot report sent on {@code tlm/shot}, oldest first. */
  List<ShotReport> shots() {
    collect();
    return out.stream().filter(m -> m.stream().equals(RailFrames.SHOT_STREAM))
        .map(m -> parse(m, TelemetryFrame::parseFrom).getShot()).toList();
  }

  /** Every {@code tlm/rail} frame, oldest first. */
  List<RailTelemetry> railFrames() {
    collect();
    return out.stream().filter(m -> m.stream().equals(RailFrames.RAIL_STREAM))
        .map(m -> parse(m, TelemetryFrame::parseFrom).getRail()).toList();
  }

  /** The hardware is safe: front-end disarmed and not firing, arm output and fire permit low. */
  void assertHardwareSafe() {
    var frontEnd = rail.readFrontEnd();
    assertThat(frontEnd.status().armed()).as("front-end armed").isFalse();
    assertThat(frontEnd.status().firing()).as("front-end firing").isFalse();
    assertThat(rail.armOutput().active()).as("arm output").isFalse();
    assertThat(rail.firePermit().active()).as("fire permit").isFalse();
  }

  private void collect() {
    Outbound next;
    try {
      while ((next = outbox.poll(Duration.ZERO)) != null) {
        out.add(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private interface Parser<T> {
    T parse(byte[] bytes) throws InvalidProtocolBufferException;
  }

  private static <T> T parse(Outbound message, Parser<T> parser) {
    try {
      return parser.parse(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    commands.close();
    board.close();
  }
}
