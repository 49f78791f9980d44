package space.lunarbase.fsw.core.fdir;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.rail.RailAction;

/**
 * Makes subsystems SAFE as a {@link SafingTable} rule says: raises {@link CoreEvents#SAFING} with the cause,
 * puts each subsystem in SAFE (so commands legal only in NOMINAL stop at once), then drives its
 * hardware safe. Every step is attempted even if another fails; a failed step raises
 * {@link CoreEvents#SAFING_STEP_FAILED} and the rest go on. The {@link Safing} the watchdog calls (replaces
 * {@link NoSafing}).
 */
@Singleton
public final class SiteSafing implements Safing {


  private static final Logger LOG = LoggerFactory.getLogger(SiteSafing.class);

  /** How the cause of a mode change made by safing starts ({@link Modes#cause}). */
  public static final String CAUSE_PREFIX = "safing: ";

  private final Board board;
  private final Modes modes;
  private final EventLog events;

  public SiteSafing(Board board, Modes modes, EventLog events) {
    this.board = board;
    this.modes = modes;
    this.events = events;
  }

  /** The watchdog's entry: the {@link SafingTable#RATE_GROUP_STUCK} rule. */
  @Override
  public void safe(String reason) {
    safe(SafingTable.onFault(SafingTable.RATE_GROUP_STUCK).orElseThrow(), reason);
  }

  /** Applies {@code rule} for {@code cause}. Never throws for a hardware fault. */
  public synchronized void safe(SafingTable.Rule rule, String cause) {
    var subsystems = new TreeSet<>(rule.safe());
    Map<String, String> args = new LinkedHashMap<>();
    args.put("cause", cause);
    args.put("rule", rule.trigger() + " " + rule.match());
    args.put("subsystems", String.join(",", subsystems));
    events.emitUnthrottled(CoreEvents.SAFING, "safing " + subsystems + ": " + cause, args);
    for (String subsystem : subsystems) {
      try {
        modes.set(subsystem, Mode.SAFE, CAUSE_PREFIX + cause);
      } catch (RuntimeException e) {
        failed(subsystem, "mode SAFE", e.toString());
      }
    }
    if (subsystems.contains("bank")) {
      safeBank();
    }
    if (subsystems.contains("rail")) {
      safeRail();
    }
    if (subsystems.contains("tracker")) {
      safeTracker(rule);
    }
  }

  private void safeBank() {
    board.cellBank().ifPresent(bank -> {
      step("bank", "charge current 0", () -> bank.setChargeCurrent(0));
      step("bank", "open main contactor", () -> bank.openContactor(BankContactor.MAIN));
      step("bank", "open discharge contactor", () -> bank.openContactor(BankContactor.DISCHARGE));
    });
  }

  private void safeRail() {
    board.rail().ifPresent(rail -> {
      step("rail", "disarm front-end", () -> done(rail.disarmFrontEnd()));
      step("rail", "fire permit low", () -> done(rail.setFirePermit(false)));
      step("rail", "arm output low", () -> done(rail.setArmOutput(false)));
    });
  }

  /**
   * The tracker's SAFE mode makes its controller stow it and then disable the motors, on its own
   * rate group. When the rate groups themselves are stuck nothing would stow it: disable at once.
   */
  private void safeTracker(SafingTable.Rule rule) {
    if (rule.trigger() == SafingTable.Trigger.FAULT && rule.match().equals(SafingTable.RATE_GROUP_STUCK)) {
      board.tracker().ifPresent(tracker -> step("tracker", "disable motors", () -> tracker.enableMotors(false)));
    }
  }

  private static void done(RailAction action) {
    if (!action.done()) {
      throw new IllegalStateException(action.reason());
    }
  }

  private void step(String subsystem, String step, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      failed(subsystem, step, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private void failed(String subsystem, String step, String error) {
    LOG.debug("safing step {} of {} failed: {}", step, subsystem, error);
    events.emitUnthrottled(CoreEvents.SAFING_STEP_FAILED, "safing " + subsystem + ": " + step + " failed: " + error,
        Map.of("subsystem", subsystem, "step", step, "error", error));
  }
}
