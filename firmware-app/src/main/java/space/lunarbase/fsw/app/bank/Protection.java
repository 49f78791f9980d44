package space.lunarbase.fsw.app.bank;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.CellReading;
import space.lunarbase.hal.bank.ContactorReading;
import space.lunarbase.hal.bank.ContactorStatus;
import space.lunarbase.hal.bank.TemperatureReading;

/**
 * Bank management's protections, all declared here: what each watches, when it trips, and when its
 * condition is gone. Judged every control cycle on the manager's own readings (faster than the
 * limit monitor's red limits, which stay as the backstop). A protection trips after
 * {@link BankProtections#PERSISTENCE} samples in a row with its condition present and clears after
 * as many with it gone (a sample per cycle; for the thermometers, read every second, a sample per
 * new reading); a reading that is not GOOD neither trips nor clears it.
 *
 * <table>
 *   <caption>bank protections</caption>
 *   <tr><th>protection (fault)</th><th>present when</th><th>gone when</th></tr>
 *   <tr><td>CELL_OVERVOLTAGE</td><td>a cell above bank.cell-overvoltage-v</td>
 *       <td>every cell {@value #VOLTAGE_HYSTERESIS_V} V below it (while held, bank management bleeds
 *       the cells above that)</td></tr>
 *   <tr><td>CELL_UNDERVOLTAGE</td><td>a cell below bank.cell-undervoltage-v while the pack
 *       discharges (current below -{@value #DISCHARGING_A} A): the cell is being reversed</td>
 *       <td>no discharge current, or every cell {@value #VOLTAGE_HYSTERESIS_V} V above it</td></tr>
 *   <tr><td>CELL_OVERTEMPERATURE</td><td>a thermometer above bank.cell-overtemperature-c</td>
 *       <td>every thermometer {@value #TEMPERATURE_HYSTERESIS_C} degC below it</td></tr>
 *   <tr><td>PACK_OVERCURRENT</td><td>pack current beyond &plusmn;bank.pack-overcurrent-a</td>
 *       <td>within {@value #CURRENT_RELEASE} of it</td></tr>
 *   <tr><td>MAIN_CONTACTOR, DISCHARGE_CONTACTOR</td><td>the feedback says WELDED (closed while
 *       commanded open) or FAILED_TO_CLOSE, or cannot be read</td>
 *       <td>the feedback agrees with the command</td></tr>
 * </table>
 *
 * Each trip safes the bank through the core's {@code SafingTable} rule named {@link #fault()}.
 */
public enum Protection {
  CELL_OVERVOLTAGE,
  CELL_UNDERVOLTAGE,
  CELL_OVERTEMPERATURE,
  PACK_OVERCURRENT,
  MAIN_CONTACTOR,
  DISCHARGE_CONTACTOR;

  /** Volts between a voltage protection's trip and clear levels. */
  public static final double VOLTAGE_HYSTERESIS_V = 0.02;
  /** Degrees between the over-temperature trip and clear levels. */
  public static final double TEMPERATURE_HYSTERESIS_C = 5;
  /** The over-current clears below this fraction of its threshold. */
  public static final double CURRENT_RELEASE = 0.9;
  /** A pack current below minus this is a discharge. */
  public static final double DISCHARGING_A = 0.5;

  /** What the protection sees now. */
  public enum Verdict { PRESENT, GONE, UNKNOWN }

  /**
   * One judgement, with the facts for its event.
   *
   * @param verdict present, gone, or unknown (readings not GOOD)
   * @param value the worst value seen (NaN for a contactor)
   * @param threshold the level it was judged against
   * @param text for people: what was seen
   */
  public record Finding(Verdict verdict, double value, double threshold, String text) {

    static Finding unknown(String text) {
      return new Finding(Verdict.UNKNOWN, Double.NaN, Double.NaN, text);
    }
  }

  /**
   * When what this protection judges was sampled: the cycle's time, except for the thermometers,
   * which are read more slowly than the control cycle (their newest reading's time), so that one
   * reading seen on several cycles counts once towards persistence.
   */
  public Instant sampled(BankReadings readings) {
    if (this != CELL_OVERTEMPERATURE) {
      return readings.time();
    }
    Instant newest = Instant.MIN;
    for (TemperatureReading t : readings.temperatures()) {
      if (t.time().isAfter(newest)) {
        newest = t.time();
      }
    }
    return newest;
  }

  /** The fault name in the core's {@code SafingTable}, e.g. {@code BANK_CELL_OVERVOLTAGE}. */
  public String fault() {
    return "BANK_" + name();
  }

  /**
   * Judges {@code readings} against {@code limits}; {@code held} says whether the protection has
   * tripped and not cleared (its condition is then judged against the clear level).
   */
  public Finding judge(BankReadings readings, ProtectionLimits limits, boolean held) {
    return switch (this) {
      case CELL_OVERVOLTAGE -> overVoltage(readings, limits, held);
      case CELL_UNDERVOLTAGE -> underVoltage(readings, limits, held);
      case CELL_OVERTEMPERATURE -> overTemperature(readings.temperatures(), limits, held);
      case PACK_OVERCURRENT -> overCurrent(readings, limits, held);
      case MAIN_CONTACTOR -> contactor(readings.main());
      case DISCHARGE_CONTACTOR -> contactor(readings.discharge());
    };
  }

  private static Finding overVoltage(BankReadings r, ProtectionLimits limits, boolean held) {
    double level = held ? limits.overVoltageV() - VOLTAGE_HYSTERESIS_V : limits.overVoltageV();
    Optional<CellReading> highest = r.highestCell();
    if (highest.isEmpty()) {
      return Finding.unknown("no GOOD cell reading");
    }
    CellReading cell = highest.get();
    boolean present = held ? cell.volts() >= level : cell.volts() > level;
    if (present) {
      return new Finding(Verdict.PRESENT, cell.volts(), level,
          "%s at %.4f V above %.3f V".formatted(name(cell), cell.volts(), level));
    }
    if (!r.cellsGood()) {
      return Finding.unknown("not every cell reading is GOOD");
    }
    return new Finding(Verdict.GONE, cell.volts(), level, "highest cell %s at %.4f V".formatted(name(cell), cell.volts()));
  }

  private static Finding underVoltage(BankReadings r, ProtectionLimits limits, boolean held) {
    if (!r.pack().isGood()) {
      return Finding.unknown("pack reading " + r.pack().quality());
    }
    double current = r.pack().currentA();
    double level = held ? limits.underVoltageV() + VOLTAGE_HYSTERESIS_V : limits.underVoltageV();
    Optional<CellReading> lowest = r.lowestCell();
    if (lowest.isEmpty()) {
      return Finding.unknown("no GOOD cell reading");
    }
    CellReading cell = lowest.get();
    boolean low = held ? cell.volts() <= level : cell.volts() < level;
    boolean discharging = current < -DISCHARGING_A;
    if (low && discharging) {
      return new Finding(Verdict.PRESENT, cell.volts(), level, "%s at %.4f V below %.3f V while discharging at %.2f A"
          .formatted(name(cell), cell.volts(), level, current));
    }
    if (!discharging || r.cellsGood()) {
      return new Finding(Verdict.GONE, cell.volts(), level, "lowest cell %s at %.4f V, pack current %.2f A"
          .formatted(name(cell), cell.volts(), current));
    }
    return Finding.unknown("not every cell reading is GOOD");
  }

  private static Finding overTemperature(List<TemperatureReading> temperatures, ProtectionLimits limits, boolean held) {
    double level = held ? limits.overTemperatureC() - TEMPERATURE_HYSTERESIS_C : limits.overTemperatureC();
    TemperatureReading hottest = null;
    boolean allGood = !temperatures.isEmpty();
    for (TemperatureReading t : temperatures) {
      if (!t.isGood()) {
        allGood = false;
      } else if (hottest == null || t.celsius() > hottest.celsius()) {
        hottest = t;
      }
    }
    if (hottest == null) {
      return Finding.unknown("no GOOD temperature reading");
    }
    boolean present = held ? hottest.celsius() >= level : hottest.celsius() > level;
    String where = "sensor %s on %s at %.1f degC".formatted(hottest.sensor(), CellLabel.of(hottest.cell()), hottest.celsius());
    if (present) {
      return new Finding(Verdict.PRESENT, hottest.celsius(), level, where + " above %.1f degC".formatted(level));
    }
    return allGood ? new Finding(Verdict.GONE, hottest.celsius(), level, "hottest " + where)
        : Finding.unknown("not every temperature reading is GOOD");
  }

  private static Finding overCurrent(BankReadings r, ProtectionLimits limits, boolean held) {
    if (!r.pack().isGood()) {
      return Finding.unknown("pack reading " + r.pack().quality() + ": " + r.pack().fault());
    }
    double current = r.pack().currentA();
    double level = held ? CURRENT_RELEASE * limits.overCurrentA() : limits.overCurrentA();
    boolean present = held ? Math.abs(current) >= level : Math.abs(current) > level;
    return new Finding(present ? Verdict.PRESENT : Verdict.GONE, current, level,
        present ? "pack current %.2f A beyond %.1f A".formatted(current, level) : "pack current %.2f A".formatted(current));
  }

  private static Finding contactor(ContactorReading c) {
    String name = c.contactor().name().toLowerCase(Locale.ROOT) + " contactor";
    if (c.quality() != Quality.GOOD) {
      return new Finding(Verdict.PRESENT, Double.NaN, Double.NaN, name + " feedback cannot be read: " + c.fault());
    }
    ContactorStatus status = c.status();
    if (status == ContactorStatus.WELDED || status == ContactorStatus.FAILED_TO_CLOSE || status == ContactorStatus.UNKNOWN) {
      return new Finding(Verdict.PRESENT, Double.NaN, Double.NaN, name + " " + status + " (commanded "
          + (c.commandedClosed() ? "closed" : "open") + ")");
    }
    return new Finding(Verdict.GONE, Double.NaN, Double.NaN, name + " " + status);
  }

  private static String name(CellReading cell) {
    return CellLabel.of(cell.cell());
  }
}
