package space.lunarbase.fsw.app.bank;

import static space.lunarbase.fsw.core.event.EventArg.integer;
import static space.lunarbase.fsw.core.event.EventArg.number;
import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/**
 * Bank management's events (subsystem {@code bank}, ids 3000–3999), all declared here. Each
 * carries its facts as arguments (state, cause, protection, value, threshold).
 */
@Singleton
public final class BankEvents implements EventSet {

  /** Bank management changed state: {@code from}, {@code to}, {@code cause}. Never throttled. */
  public static final EventLog.Kind STATE_CHANGED = bank(3001, "BANK_STATE_CHANGED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("from"), text("to"), text("cause"));
  /** A protection tripped and safed the bank: {@code protection}, {@code value}, {@code threshold}. Never throttled. */
  public static final EventLog.Kind PROTECTION_TRIPPED =
      bank(3002, "BANK_PROTECTION_TRIPPED", Severity.SEVERITY_WARNING_HI)
      .with(text("protection"), text("fault"), number("value"), number("threshold"), text("state"));
  /** A tripped protection's condition is gone: the bank may be recovered. Never throttled. */
  public static final EventLog.Kind PROTECTION_CLEARED =
      bank(3003, "BANK_PROTECTION_CLEARED", Severity.SEVERITY_ACTIVITY_HI)
      .with(text("protection"), text("fault"), number("value"));
  /** Cell readings were not GOOD: a charge or discharge was stopped, or readiness withdrawn. */
  public static final EventLog.Kind READINGS_BAD = bank(3004, "BANK_READINGS_BAD", Severity.SEVERITY_WARNING_LO)
      .with(integer("cell"), text("quality"), text("fault"));
  /** Commanding the charger, a contactor or a bleed switch failed ({@code output}, {@code error}). */
  public static final EventLog.Kind OUTPUT_FAILED = bank(3005, "BANK_OUTPUT_FAILED", Severity.SEVERITY_WARNING_HI)
      .with(text("output"), text("error"));

  /** The charger delivered less than half its order for {@code BankManager.CHARGER_TIMEOUT}: charge stopped. */
  public static final EventLog.Kind CHARGER_NOT_DELIVERING = bank(3006, "BANK_CHARGER_NOT_DELIVERING",
      Severity.SEVERITY_WARNING_HI)
      .with(number("ordered_a", "A"), number("measured_a", "A"), text("state"));

  private static EventLog.Kind bank(int id, String name, Severity severity) {
    return new EventLog.Kind(id, name, "bank", severity);
  }

  @Override
  public List<EventLog.Kind> events() {
    return List.of(STATE_CHANGED, PROTECTION_TRIPPED, PROTECTION_CLEARED, READINGS_BAD, OUTPUT_FAILED,
        CHARGER_NOT_DELIVERING);
  }
}
