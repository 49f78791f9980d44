package space.lunarbase.fsw.app.bank;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import space.lunarbase.fsw.app.rail.RailParameterGate;
import space.lunarbase.fsw.core.channel.LimitMonitor;
import space.lunarbase.fsw.core.command.CommandPath;
import space.lunarbase.fsw.core.command.CoreCommands;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.fdir.FaultResponse;
import space.lunarbase.fsw.core.fdir.RedConditions;
import space.lunarbase.fsw.core.fdir.SiteSafing;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.mode.RangeSafety;
import space.lunarbase.fsw.core.param.ParamCommands;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.core.time.ClockSync;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.board.BankWiring;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedBank;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.Event;

/**
 * Bank management's component tester, in F Prime's manner: the bank manager with the flight core
 * pieces it works with (modes, red conditions, site safing, parameters with the firmware's
 * configured defaults, the limit monitor over {@link BankChannels}, the command dispatcher with
 * the core, parameter and bank commands) built by hand on the simulated demo board, on a manual
 * simulation clock. {@link #step()} advances the board by one control period and runs the cycle
 * as the rate groups would (thermometers and the limit monitor every second); commands go in as
 * signed bytes; events, acks and telemetry come out for assertions. Deterministic and faster than
 * real time: an hour of bank time in seconds.
 */
final class BankTester implements AutoCloseable {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration PERIOD = Duration.ofMillis(100);
  /** Control cycles per thermometer read and limit-monitor cycle (1 s, as configured). */
  static final int SLOW_EVERY = 10;

  final SimClock clock = SimClock.manual(T0);
  final SimulatedBoard board;
  final SimulatedBank sim;
  final CellBank bank;
  final Outbox outbox;
  final EventLog events;
  final RedConditions conditions = new RedConditions();
  final Modes modes;
  final Parameters parameters;
  final BankRatings ratings;
  final BankThermometers thermometers;
  final BankManager manager;
  final LimitMonitor monitor;
  private final CommandPath commands;
  private final List<Event> emitted = new ArrayList<>();
  private long cycles;

  private BankTester(Path data, CellStringPlant.Spec plant, ClockSync clockSource) {
    board = SimulatedBoard.start(BoardDescription.demo(),
        new SimulatedBoard.Plants(plant, SimulatedBoard.Plants.demo().tracker(), SimulatedBoard.Plants.demo().sun(),
            SimulatedBoard.Plants.demo().rail()), clock);
    sim = board.bankSim().orElseThrow();
    bank = board.cellBank().orElseThrow();
    commands = new CommandPath(data, T0, clock, 100_000).clockSource(clockSource);
    outbox = commands.outbox;
    events = commands.events;
    modes = new Modes(events, List.of(conditions, commands.holds));
    SiteSafing safing = new SiteSafing(board, modes, events);
    BankWiring pack = BoardDescription.demo().bank().orElseThrow().pack();
    ratings = BankRatings.of(board, new space.lunarbase.fsw.config.BankSettings(pack.id(), pack.bus(), pack.address(),
        pack.shuntOhms(), pack.maxCurrentA(), Duration.ofSeconds(1)), "demo").orElseThrow();
    BankParameters bankParameters = new BankParameters(Optional.of(ratings));
    try (ApplicationContext configuration = ApplicationContext.builder().build()) {
      Environment environment = configuration.getEnvironment().start();
      parameters = new Parameters(List.of(bankParameters), environment, commands.controller, events);
    }
    thermometers = new BankThermometers(bank, PERIOD.multipliedBy(SLOW_EVERY));
    thermometers.refresh();
    manager = new BankManager(bank, ratings, parameters, modes, conditions, safing, events, thermometers, clock, PERIOD);
    monitor = new LimitMonitor(List.of(new BankChannels(board, Optional.of(ratings), Optional.of(thermometers))),
        events, List.of(new FaultResponse(safing, conditions)));
    commands.open(List.of(new CoreCommands(modes, new RangeSafety(modes, commands.holds)),
        new ParamCommands(parameters, new RailParameterGate(modes, Optional.empty())),
        new BankCommands(Optional.of(manager), Optional.of(ratings))), modes, 1000, 1000);
  }

  /** The demo board (12 cells of 3000 F with a 2 % capacitance spread), empty. */
  static BankTester start(Path data) {
    return start(data, SimulatedBoard.Plants.demo().bank());
  }

  /** The demo bank plant with a capacitance spread of {@code spread}, every cell at {@code cellV}. */
  static CellStringPlant.Spec demoPlant(double spread, double cellV) {
    CellStringPlant.Spec demo = CellStringPlant.Spec.demo(spread);
    return new CellStringPlant.Spec(demo.cells(), demo.cellRatedV(), demo.bleedOhms(), demo.thermalOhmsKPerW(),
        demo.thermalCapacitanceJPerK(), demo.ambientC(), demo.chargerVoltageV(), demo.chargerSeriesOhms(),
        demo.chargerMaxCurrentA(), demo.dischargeOhms(), cellV);
  }

  /** The demo board with the bank plant {@code plant}. */
  static BankTester start(Path data, CellStringPlant.Spec plant) {
    return start(data, plant, ClockSync.SIMULATED);
  }

  /** The demo board with the bank plant {@code plant}, the clock's synchronisation told by {@code clockSource}. */
  static BankTester start(Path data, CellStringPlant.Spec plant, ClockSync clockSource) {
    BankTester tester = new BankTester(data, plant, clockSource);
    tester.step();
    return tester;
  }

  // -- time

  /**
   * One control period: the clock moves on, then the cycle runs; every second the 1-Wire files are
   * rewritten from the plant (as the kernel's next conversion would) and the slow tasks run.
   */
  void step() {
    clock.advance(PERIOD);
    cycles++;
    Instant now = clock.instant();
    if (cycles % SLOW_EVERY == 0) {
      board.refresh();
      thermometers.refresh();
      monitor.evaluate(now);
    }
    manager.cycle(now);
    drain();
  }

  /** Steps for {@code duration} of simulated time. */
  void run(Duration duration) {
    long steps = duration.toMillis() / PERIOD.toMillis();
    for (long i = 0; i < steps; i++) {
      step();
    }
  }

  /** Steps until {@code condition} holds on the status; returns the simulated time it took. */
  Duration runUntil(Predicate<BankStatus> condition, Duration atMost) {
    Instant start = clock.instant();
    while (!condition.test(status())) {
      assertThat(Duration.between(start, clock.instant())).as("waiting for a bank status, now " + status().state()
          + ": " + status().reason()).isLessThan(atMost);
      step();
    }
    return Duration.between(start, clock.instant());
  }

  /** Steps until the state is {@code state}; returns the simulated time it took. */
  Duration runUntil(BankState state, Duration atMost) {
    return runUntil(s -> s.state() == state, atMost);
  }

  Instant now() {
    return clock.instant();
  }

  // -- commands

  /** A command from the operator key with the next counter. */
  TestCommand command(String name) {
    return commands.command(name);
  }

  List<CommandAck> send(TestCommand command) {
    List<CommandAck> acks = commands.process(command);
    drain();
    return acks;
  }

  /** Asserts ACCEPTED then COMPLETED; returns the completion text. */
  String assertCompleted(TestCommand command) {
    return CommandPath.assertCompleted(send(command));
  }

  /** Asserts ACCEPTED then FAILED (refused by the handler); returns the reason text. */
  String assertFailed(TestCommand command) {
    return CommandPath.assertFailed(send(command));
  }

  /** Asserts one REJECTED ack with {@code reason}; returns its text. */
  String assertRejected(TestCommand command, Reason reason) {
    List<CommandAck> acks = send(command);
    assertThat(acks).hasSize(1);
    assertThat(acks.getFirst().getStatus()).as(acks.toString()).isEqualTo(Status.STATUS_REJECTED);
    assertThat(acks.getFirst().getReason()).as(acks.getFirst().getText()).isEqualTo(reason);
    return acks.getFirst().getText();
  }

  TestCommand charge(double cellVolts, double amps) {
    return command("bank.CHARGE").number("cell_volts", cellVolts).number("amps", amps);
  }

  TestCommand setMode(String mode) {
    return command("core.SET_MODE").text("subsystem", "bank").text("mode", mode);
  }

  TestCommand setParam(String name, String value) {
    return command("core.SET_PARAM").text("name", name).text("value", value);
  }

  // -- what came out

  BankStatus status() {
    return manager.latest().orElseThrow();
  }

  /** Every event emitted so far named {@code name}. */
  List<Event> events(String name) {
    return emitted.stream().filter(e -> e.getName().equals(name)).toList();
  }

  /** The last event named {@code name} matching {@code predicate}. */
  Event lastEvent(String name, Predicate<Event> predicate) {
    List<Event> matching = events(name).stream().filter(predicate).toList();
    assertThat(matching).as("events named " + name + " in " + emitted.stream().map(Event::getName).toList())
        .isNotEmpty();
    return matching.getLast();
  }

  /** Every yellow or red limit event so far. */
  List<Event> limitEvents() {
    return emitted.stream().filter(e -> e.getName().equals("LIMIT_RED") || e.getName().equals("LIMIT_YELLOW")).toList();
  }

  /** The bank's transitions so far, as "FROM->TO". */
  List<String> transitions() {
    return events("BANK_STATE_CHANGED").stream()
        .map(e -> e.getArgsMap().get("from") + "->" + e.getArgsMap().get("to")).toList();
  }

  /** The bank frame the sampler would send now. */
  BankTelemetry frame() {
    BankTelemetry.Builder frame = BankFrames.pack(bank.id(), bank.readPack());
    BankFrames.management(frame, status(), bank.readBalancing(), bank.chargeCurrentSetpointA());
    return frame.build();
  }

  /** Highest minus lowest cell voltage of the plant's cells (their internal voltages), V. */
  double plantSpreadV() {
    CellStringPlant plant = sim.plant();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < plant.cells(); i++) {
      min = Math.min(min, plant.cellInternalVoltage(i));
      max = Math.max(max, plant.cellInternalVoltage(i));
    }
    return max - min;
  }

  Map<String, String> argsOf(Event e) {
    return e.getArgsMap();
  }

  private void drain() {
    try {
      for (Outbound o = outbox.poll(Duration.ZERO); o != null; o = outbox.poll(Duration.ZERO)) {
        if (o.stream().equals(EventLog.STREAM)) {
          emitted.add(Event.parseFrom(o.payload()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
