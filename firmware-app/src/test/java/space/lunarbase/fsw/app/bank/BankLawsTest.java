package space.lunarbase.fsw.app.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.bank.CellReading;
import space.lunarbase.hal.bank.ContactorReading;
import space.lunarbase.hal.bank.ContactorStatus;
import space.lunarbase.hal.bank.PackReading;

/** The pure parts of bank management: charge law, balancer, energy, protection persistence. */
class BankLawsTest {

  static final Instant T = Instant.parse("2030-01-01T00:00:00Z");
  static final BankRatings RATINGS = new BankRatings(4, 4, 2.7, 3000, 100, 150, "lunarbase.bank.max-current-a");
  static final ProtectionLimits LIMITS = new ProtectionLimits(2.75, -0.05, 60, 105);

  @Test
  void theChargeLawIsConstantCurrentThenATaperWithAFloorThenZeroAtTheTarget() {
    assertThat(ChargeLaw.currentA(50, 2.5, 1.0, 0.1, 1)).isEqualTo(50);
    assertThat(ChargeLaw.currentA(50, 2.5, 2.4, 0.1, 1)).isEqualTo(50);
    assertThat(ChargeLaw.currentA(50, 2.5, 2.45, 0.1, 1)).isCloseTo(25, within(1e-9));
    assertThat(ChargeLaw.currentA(50, 2.5, 2.4999, 0.1, 1)).as("never below the charger's step").isEqualTo(1);
    assertThat(ChargeLaw.currentA(0.5, 2.5, 2.4999, 0.1, 1)).as("nor above the limit").isEqualTo(0.5);
    assertThat(ChargeLaw.currentA(50, 2.5, 2.5, 0.1, 1)).isZero();
    assertThat(ChargeLaw.currentA(50, 2.5, 2.6, 0.1, 1)).isZero();
    assertThat(ChargeLaw.currentA(50, 2.5, Double.NaN, 0.1, 1)).isZero();
  }

  @Test
  void theBalancerBleedsAboveHalfTheBandAndStopsWithinAQuarter() {
    double band = 0.010;
    boolean[] none = new boolean[4];
    assertThat(Balancer.decide(cells(2.400, 2.404, 2.406, 2.420), none, band)).containsExactly(false, false, true, true);
    boolean[] bleeding = {false, false, true, true};
    assertThat(Balancer.decide(cells(2.400, 2.404, 2.4030, 2.4024), bleeding, band))
        .as("still above a quarter of the band, then within it").containsExactly(false, false, true, false);
    List<CellReading> oneBad = new ArrayList<>(cells(2.400, 2.404, 2.406, 2.420));
    oneBad.set(1, CellReading.failed(1, T, "adc NACK"));
    assertThat(Balancer.decide(oneBad, bleeding, band)).as("no lowest cell known: nothing bleeds")
        .containsExactly(false, false, false, false);
  }

  @Test
  void energyIsHalfCVSquaredStateOfChargeIsAgainstTheRatedVoltageAndAvailableIsAboveTheFloor() {
    BankEnergy full = BankEnergy.of(cells(2.7, 2.7, 2.7, 2.7), RATINGS, 1.35);
    assertThat(full.totalJ()).isCloseTo(4 * 0.5 * 3000 * 2.7 * 2.7, within(1e-6));
    assertThat(full.stateOfCharge()).isCloseTo(1, within(1e-12));
    assertThat(full.availableJ()).isCloseTo(0.75 * full.totalJ(), within(1e-6));

    BankEnergy mixed = BankEnergy.of(cells(2.0, 1.0, 0.0, 2.0), RATINGS, 1.35);
    assertThat(mixed.cellJ()).containsExactly(6000.0, 1500.0, 0.0, 6000.0);
    assertThat(mixed.availableJ()).as("only the cells above 1.35 V count").isCloseTo(2 * (6000 - 0.5 * 3000 * 1.35 * 1.35),
        within(1e-6));

    List<CellReading> oneBad = new ArrayList<>(cells(2.0, 2.0, 2.0, 2.0));
    oneBad.set(0, CellReading.failed(0, T, "adc NACK"));
    assertThat(BankEnergy.of(oneBad, RATINGS, 1.35).totalJ()).as("a cell not read counts 0").isEqualTo(18000);
  }

  @Test
  void aProtectionTripsAfterTwoCyclesPresentAndClearsAfterTwoGoneBelowItsHysteresis() {
    BankProtections protections = new BankProtections();
    assertThat(protections.evaluate(readings(cells(2.76, 2.5, 2.5, 2.5)), LIMITS)).isEmpty();
    assertThat(protections.evaluate(readings(cells(2.5, 2.5, 2.5, 2.5)), LIMITS)).as("the run is broken").isEmpty();
    assertThat(protections.evaluate(readings(cells(2.76, 2.5, 2.5, 2.5)), LIMITS)).isEmpty();
    List<BankProtections.Change> trip = protections.evaluate(readings(cells(2.5, 2.77, 2.5, 2.5)), LIMITS);
    assertThat(trip).singleElement().satisfies(c -> {
      assertThat(c.protection()).isEqualTo(Protection.CELL_OVERVOLTAGE);
      assertThat(c.tripped()).isTrue();
      assertThat(c.finding().text()).isEqualTo("cell_02 at 2.7700 V above 2.750 V");
    });
    assertThat(protections.holds(Protection.CELL_OVERVOLTAGE)).isTrue();

    // 2.74 V is under the limit but not 20 mV under it: still present
    for (int i = 0; i < 5; i++) {
      assertThat(protections.evaluate(readings(cells(2.5, 2.74, 2.5, 2.5)), LIMITS)).isEmpty();
    }
    // a cell that cannot be read does not clear it
    List<CellReading> oneBad = new ArrayList<>(cells(2.5, 2.5, 2.5, 2.5));
    oneBad.set(2, CellReading.failed(2, T, "adc NACK"));
    for (int i = 0; i < 5; i++) {
      assertThat(protections.evaluate(readings(oneBad), LIMITS)).isEmpty();
    }
    assertThat(protections.evaluate(readings(cells(2.5, 2.72, 2.5, 2.5)), LIMITS)).isEmpty();
    assertThat(protections.evaluate(readings(cells(2.5, 2.72, 2.5, 2.5)), LIMITS)).singleElement()
        .satisfies(c -> assertThat(c.tripped()).isFalse());
    assertThat(protections.held()).isEmpty();
  }

  @Test
  void aThermometerReadingSeenOnSeveralCyclesCountsOnce() {
    BankProtections protections = new BankProtections();
    List<space.lunarbase.hal.bank.TemperatureReading> hot = List.of(new space.lunarbase.hal.bank.TemperatureReading(
        "28-0000000000a0", 0, T, 80, Quality.GOOD, ""));
    for (int i = 0; i < 10; i++) {
      cycle = cycle.plusMillis(100);
      BankReadings r = new BankReadings(cycle, pack(0), cells(1, 1, 1, 1), hot, contactor(ContactorStatus.OPEN),
          new ContactorReading(BankContactor.DISCHARGE, cycle, false, ContactorStatus.OPEN, Quality.GOOD, ""));
      assertThat(protections.evaluate(r, LIMITS)).as("one reading at 80 degC, however often seen").isEmpty();
    }
    List<space.lunarbase.hal.bank.TemperatureReading> again = List.of(new space.lunarbase.hal.bank.TemperatureReading(
        "28-0000000000a0", 0, T.plusSeconds(1), 80, Quality.GOOD, ""));
    BankReadings second = new BankReadings(cycle.plusMillis(100), pack(0), cells(1, 1, 1, 1), again,
        contactor(ContactorStatus.OPEN),
        new ContactorReading(BankContactor.DISCHARGE, cycle, false, ContactorStatus.OPEN, Quality.GOOD, ""));
    assertThat(protections.evaluate(second, LIMITS)).singleElement()
        .satisfies(c -> assertThat(c.protection()).isEqualTo(Protection.CELL_OVERTEMPERATURE));
  }

  @Test
  void underVoltageNeedsADischargingPackAndContactorsMustAgreeWithTheirCommand() {
    BankReadings reversedAtRest = readings(cells(-0.1, 0.2, 0.2, 0.2));
    assertThat(Protection.CELL_UNDERVOLTAGE.judge(reversedAtRest, LIMITS, false).verdict())
        .isEqualTo(Protection.Verdict.GONE);
    BankReadings reversedDischarging = new BankReadings(T, pack(-2), cells(-0.1, 0.2, 0.2, 0.2), List.of(),
        contactor(ContactorStatus.OPEN), contactor(ContactorStatus.OPEN));
    assertThat(Protection.CELL_UNDERVOLTAGE.judge(reversedDischarging, LIMITS, false).verdict())
        .isEqualTo(Protection.Verdict.PRESENT);

    BankReadings welded = new BankReadings(T, pack(0), cells(1, 1, 1, 1), List.of(), contactor(ContactorStatus.WELDED),
        contactor(ContactorStatus.OPEN));
    assertThat(Protection.MAIN_CONTACTOR.judge(welded, LIMITS, false).verdict()).isEqualTo(Protection.Verdict.PRESENT);
    assertThat(Protection.DISCHARGE_CONTACTOR.judge(welded, LIMITS, false).verdict()).isEqualTo(Protection.Verdict.GONE);
    BankReadings closing = new BankReadings(T, pack(0), cells(1, 1, 1, 1), List.of(), contactor(ContactorStatus.CLOSING),
        new ContactorReading(BankContactor.DISCHARGE, T, false, ContactorStatus.UNKNOWN, Quality.FAILED, "pin read failed"));
    assertThat(Protection.MAIN_CONTACTOR.judge(closing, LIMITS, false).verdict()).isEqualTo(Protection.Verdict.GONE);
    assertThat(Protection.DISCHARGE_CONTACTOR.judge(closing, LIMITS, false).text())
        .isEqualTo("discharge contactor feedback cannot be read: pin read failed");
  }

  static List<CellReading> cells(double... volts) {
    List<CellReading> out = new ArrayList<>();
    for (int i = 0; i < volts.length; i++) {
      out.add(new CellReading(i, T, volts[i], Quality.GOOD, ""));
    }
    return out;
  }

  private Instant cycle = T;

  /** One control cycle's readings, 100 ms after the previous one's. */
  BankReadings readings(List<CellReading> cells) {
    cycle = cycle.plusMillis(100);
    return new BankReadings(cycle, pack(0), cells, List.of(), contactor(ContactorStatus.OPEN),
        new ContactorReading(BankContactor.DISCHARGE, T, false, ContactorStatus.OPEN, Quality.GOOD, ""));
  }

  static PackReading pack(double amps) {
    return new PackReading(T, 10, amps, Math.abs(10 * amps), amps * 0.0005, Quality.GOOD, "");
  }

  static ContactorReading contactor(ContactorStatus status) {
    boolean commandedClosed = status == ContactorStatus.CLOSED || status == ContactorStatus.CLOSING
        || status == ContactorStatus.FAILED_TO_CLOSE;
    return new ContactorReading(BankContactor.MAIN, T, commandedClosed, status, Quality.GOOD, "");
  }
}
