package space.lunarbase.fsw.core.fdir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import space.lunarbase.fsw.core.mode.Modes;

/**
 * Which red-limit violation or fault makes which subsystems SAFE: every autonomous response of
 * the flight software, declared here and nowhere else.
 *
 * <table>
 *   <caption>safing responses</caption>
 *   <tr><th>trigger</th><th>made SAFE</th></tr>
 *   <tr><td>red: bank.cell_NN_voltage (over-voltage, reverse voltage)</td><td>bank</td></tr>
 *   <tr><td>red: bank.temperature_NN (cell over-/under-temperature)</td><td>bank</td></tr>
 *   <tr><td>red: bank.pack_current (over-current, either way)</td><td>bank</td></tr>
 *   <tr><td>red: bank.pack_voltage (pack over-voltage)</td><td>bank</td></tr>
 *   <tr><td>fault: BANK_CELL_OVERVOLTAGE, BANK_CELL_UNDERVOLTAGE, BANK_CELL_OVERTEMPERATURE,
 *       BANK_PACK_OVERCURRENT, BANK_MAIN_CONTACTOR, BANK_DISCHARGE_CONTACTOR (bank management's
 *       protections, judged every control cycle on its own readings and thresholds: see
 *       app.bank.Protection)</td><td>bank</td></tr>
 *   <tr><td>fault: TRACKER_ENCODER_FAULT (an encoder FAILED or STALE)</td><td>tracker</td></tr>
 *   <tr><td>fault: TRACKER_LIMIT_SWITCH (a limit switch closed or unreadable)</td><td>tracker</td></tr>
 *   <tr><td>fault: TRACKER_DRIVE_FAULT (a move failed: driver fault, refused step)</td><td>tracker</td></tr>
 *   <tr><td>fault: RATE_GROUP_STUCK (watchdog)</td><td>everything</td></tr>
 * </table>
 *
 * The bank's red limits sit beyond bank management's protection thresholds, so the protections
 * trip first, within a control cycle or two, and the red limits are the backstop at the limit
 * monitor's period. Bank SAFE: charge current 0, main and discharge contactors open (bank
 * management then bleeds only cells above the over-voltage clear level). Rail SAFE: front-end disarmed,
 * fire permit and arm output low. Tracker SAFE: the tracker controller stows it (elevation to the
 * stow angle on its rate group, azimuth left where it is) and then disables the motors; if it
 * cannot (elevation encoder or drive failed) it disables them at once. On RATE_GROUP_STUCK the
 * motors are disabled at once (the controller's rate group may be the stuck one). A red
 * {@code tracker.cable_wrap} has no rule on purpose: stowing does not turn the azimuth, and SAFE
 * would keep the controller from unwinding, which is the cure (it unwinds on its own).
 */
public final class SafingTable {

  /** What starts a response. */
  public enum Trigger { RED_LIMIT, FAULT }

  /**
   * One response.
   *
   * @param trigger red limit or fault
   * @param match a channel-name prefix (RED_LIMIT) or a fault name (FAULT)
   * @param safe the subsystems made SAFE
   */
  public record Rule(Trigger trigger, String match, Set<String> safe) {

    public Rule {
      Objects.requireNonNull(trigger, "trigger");
      Objects.requireNonNull(match, "match");
      safe = Set.copyOf(safe);
      if (!Modes.SUBSYSTEMS.containsAll(safe) || safe.isEmpty()) {
        throw new IllegalArgumentException("rule " + match + ": safes unknown or no subsystems " + safe);
      }
    }

    boolean matches(Trigger t, String name) {
      return trigger == t && (t == Trigger.FAULT ? match.equals(name) : name.startsWith(match));
    }
  }

  /** The fault the watchdog reports. */
  public static final String RATE_GROUP_STUCK = "RATE_GROUP_STUCK";
  /** A tracker encoder reads FAILED (no answer, no magnet) or STALE (frozen while commanded). */
  public static final String TRACKER_ENCODER_FAULT = "TRACKER_ENCODER_FAULT";
  /** A tracker elevation limit switch is closed, or cannot be read. */
  public static final String TRACKER_LIMIT_SWITCH = "TRACKER_LIMIT_SWITCH";
  /** A tracker move failed: the stepper driver reports a fault, or a step was refused. */
  public static final String TRACKER_DRIVE_FAULT = "TRACKER_DRIVE_FAULT";

  private static final Set<String> EVERYTHING = Set.copyOf(Modes.SUBSYSTEMS);

  /** The table; the first matching rule applies. */
  public static final List<Rule> RULES = List.of(
      new Rule(Trigger.RED_LIMIT, "bank.cell_", Set.of("bank")),
      new Rule(Trigger.RED_LIMIT, "bank.temperature_", Set.of("bank")),
      new Rule(Trigger.RED_LIMIT, "bank.pack_current", Set.of("bank")),
      new Rule(Trigger.RED_LIMIT, "bank.pack_voltage", Set.of("bank")),
      new Rule(Trigger.FAULT, "BANK_CELL_OVERVOLTAGE", Set.of("bank")),
      new Rule(Trigger.FAULT, "BANK_CELL_UNDERVOLTAGE", Set.of("bank")),
      new Rule(Trigger.FAULT, "BANK_CELL_OVERTEMPERATURE", Set.of("bank")),
      new Rule(Trigger.FAULT, "BANK_PACK_OVERCURRENT", Set.of("bank")),
      new Rule(Trigger.FAULT, "BANK_MAIN_CONTACTOR", Set.of("bank")),
      new Rule(Trigger.FAULT, "BANK_DISCHARGE_CONTACTOR", Set.of("bank")),
      new Rule(Trigger.FAULT, TRACKER_ENCODER_FAULT, Set.of("tracker")),
      new Rule(Trigger.FAULT, TRACKER_LIMIT_SWITCH, Set.of("tracker")),
      new Rule(Trigger.FAULT, TRACKER_DRIVE_FAULT, Set.of("tracker")),
      new Rule(Trigger.FAULT, RATE_GROUP_STUCK, EVERYTHING));

  private SafingTable() {}

  /** The response to a red limit on channel {@code channel}, if any. */
  public static Optional<Rule> onRed(String channel) {
    return find(Trigger.RED_LIMIT, channel);
  }

  /** The response to fault {@code fault}, if any. */
  public static Optional<Rule> onFault(String fault) {
    return find(Trigger.FAULT, fault);
  }

  private static Optional<Rule> find(Trigger trigger, String name) {
    return RULES.stream().filter(r -> r.matches(trigger, name)).findFirst();
  }
}
