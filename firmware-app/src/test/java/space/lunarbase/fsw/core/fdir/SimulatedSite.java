package space.lunarbase.fsw.core.fdir;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.util.List;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.board.BoardDescriptions;
import space.lunarbase.hal.board.BankBoardWiring;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.device.railfe.FiringEntry;
import space.lunarbase.hal.device.railfe.FiringTable;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.hal.sim.SimulatedBank;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.hal.sim.SimulatedRail;
import space.lunarbase.hal.sim.SimulatedTracker;
import space.lunarbase.hal.tracker.Axis;

/**
 * The firmware's simulated demo board seen from the hardware side, for safing tests: puts each
 * family in a state safing must undo (through the hal, as an application would), and reads what the
 * simulated chips, pins and plants see, not what the drivers or the modes say.
 */
public final class SimulatedSite {

  private final ApplicationContext firmware;
  private final SimulatedBoard board;
  private final SimulatedBank bank;
  private final SimulatedRail rail;
  private final SimulatedTracker tracker;
  private final BankBoardWiring bankWiring;
  private final RailWiring railWiring;

  public SimulatedSite(ApplicationContext firmware) {
    this.firmware = firmware;
    this.board = (SimulatedBoard) firmware.getBean(Board.class);
    this.bank = board.bankSim().orElseThrow();
    this.rail = board.railSim().orElseThrow();
    this.tracker = board.trackerSim().orElseThrow();
    BoardDescription description = BoardDescriptions.resolve(BoardDescriptions.DEMO,
        firmware.getBean(BankSettings.class)::wiring);
    this.bankWiring = description.bank().orElseThrow();
    this.railWiring = description.rail().orElseThrow();
  }

  public SimulatedBoard board() {
    return board;
  }

  /** The rail made ready to fire: firing table committed, front-end armed, arm and fire-permit lines high. */
  public void armRail() {
    var hal = board.rail().orElseThrow();
    assertThat(hal.uploadFiringTable(new FiringTable(List.of(FiringEntry.afterFire(0, 0)))).done()).isTrue();
    assertThat(hal.setArmOutput(true).done()).isTrue();
    assertThat(hal.setFirePermit(true).done()).isTrue();
    assertThat(hal.armFrontEnd().done()).isTrue();
    assertRail(true);
  }

  /** Whether the front-end chip is armed and the arm and fire-permit pins are driven high, all as {@code armed}. */
  public void assertRail(boolean armed) {
    assertThat(rail.frontEnd().armed()).as("front-end armed").isEqualTo(armed);
    assertThat(rail.pins().outputHigh(railWiring.armPin())).as("arm line").isEqualTo(armed);
    assertThat(rail.pins().outputHigh(railWiring.firePermitPin())).as("fire-permit line").isEqualTo(armed);
  }

  /** The tracker's stepper drivers enabled, as an application tracking the Sun has them. */
  public void enableTracker() {
    board.tracker().orElseThrow().enableMotors(true);
    assertTrackerMotors(true);
  }

  /** Whether both stepper drivers are enabled, as the plant sees the enable lines. */
  public void assertTrackerMotors(boolean enabled) {
    assertThat(tracker.plant().enabled(Axis.AZIMUTH)).as("azimuth driver enabled").isEqualTo(enabled);
    assertThat(tracker.plant().enabled(Axis.ELEVATION)).as("elevation driver enabled").isEqualTo(enabled);
  }

  /**
   * The bank charging by hand: bank in MAINTENANCE (the bank manager leaves the outputs to the
   * engineer), main contactor closed, charger at 10 A, through the hal.
   */
  public void chargeBank(space.lunarbase.fsw.core.mode.Modes modes) {
    modes.set("bank", space.lunarbase.fsw.core.mode.Mode.MAINTENANCE, "test: charging by hand");
    // the bank manager turns every output off as it leaves its start-up SAFE state for MANUAL, on its
    // next cycle: drive the hardware only once it has
    var manager = firmware.getBean(space.lunarbase.fsw.app.bank.BankManager.class);
    org.awaitility.Awaitility.await("the bank manager in MANUAL").atMost(java.time.Duration.ofSeconds(10))
        .until(() -> manager.latest().map(s -> s.state() == space.lunarbase.fsw.app.bank.BankState.MANUAL)
            .orElse(false));
    var cells = board.cellBank().orElseThrow();
    cells.closeContactor(space.lunarbase.hal.bank.BankContactor.MAIN);
    cells.setChargeCurrent(10);
    assertBankCharging();
  }

  /** The bank charging: the charger's PWM on, the main contactor's contacts closed. */
  public void assertBankCharging() {
    assertThat(bank.pins().pwm(bankWiring.chargerPwm()).effectiveDuty()).as("charger duty").isPositive();
    assertThat(bank.plant().contactsClosed(CellStringPlant.Switch.MAIN)).as("main contacts").isTrue();
  }

  /** The bank safe: charger duty 0, main and discharge contacts open. */
  public void assertBankSafe() {
    assertThat(bank.pins().pwm(bankWiring.chargerPwm()).effectiveDuty()).as("charger duty").isZero();
    assertThat(bank.plant().contactsClosed(CellStringPlant.Switch.MAIN)).as("main contacts").isFalse();
    assertThat(bank.plant().contactsClosed(CellStringPlant.Switch.DISCHARGE)).as("discharge contacts").isFalse();
  }
}
