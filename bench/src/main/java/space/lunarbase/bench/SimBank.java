package space.lunarbase.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.hal.bank.CapacitorBank;
import space.lunarbase.hal.board.BankWiring;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedBoard;

/**
 * The demo board simulated outside Micronaut, with the firmware's own {@link HeaderStamper} and
 * {@link Outbox} wired by hand (no link, no sampler: its constructor follows the firmware's
 * scheduling, which is still moving): for JMH and the batch samples.
 */
final class SimBank implements AutoCloseable {

  /** The wiring of application.yml's default bank. */
  static final BankWiring WIRING = new BankWiring("bank-1", 1, 0x40, 0.002, 20);

  private final SimulatedBoard board;
  private final HeaderStamper headers;
  private final Outbox outbox;

  private SimBank(SimClock clock) {
    this.board = SimulatedBoard.start(BoardDescription.demo(WIRING),
        SimulatedBoard.Plants.demo(), clock);
    board.refresh();
    board.cellBank().ifPresent(cells -> {
      cells.setChargeCurrent(10);
      cells.closeContactor(space.lunarbase.hal.bank.BankContactor.MAIN);
    });
    ControllerSettings controller = new ControllerSettings(FirmwareUnderTest.SITE, FirmwareUnderTest.CONTROLLER,
        Path.of(System.getProperty("java.io.tmpdir")).toString());
    this.headers = new HeaderStamper(controller, new BootInfo(1, Instant.now(), "bench"));
    this.outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 1000, 10_000, Duration.ofSeconds(30),
        Duration.ofSeconds(5)));

  }

  /** A board on a clock that runs in real time. */
  static SimBank running() {
    return new SimBank(SimClock.running(Instant.now(), 1.0));
  }

  /** A board on a clock that moves only by {@link #advance(Duration)}. */
  static SimBank manual() {
    return new SimBank(SimClock.manual(Instant.now()));
  }

  CapacitorBank bank() {
    return board.bank().orElseThrow();
  }

  void advance(Duration step) {
    board.advance(step);
  }

  HeaderStamper headers() {
    return headers;
  }

  Outbox outbox() {
    return outbox;
  }

  @Override
  public void close() {
    board.close();
  }
}
