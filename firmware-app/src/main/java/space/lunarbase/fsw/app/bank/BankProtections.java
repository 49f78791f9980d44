package space.lunarbase.fsw.app.bank;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import space.lunarbase.fsw.core.fdir.SafingTable;

/**
 * Tracks each {@link Protection} from sample to sample: counts the samples its condition has been
 * present (or gone), and reports a trip after {@link #PERSISTENCE} present in a row and a clear
 * after as many gone in a row. A sample seen again (a thermometer reading older than the cycle)
 * is not counted twice. Not thread-safe: the manager's cycle owns it.
 */
final class BankProtections {

  /** Samples in a row to trip or clear. */
  static final int PERSISTENCE = 2;

  /**
   * One protection tripping or clearing.
   *
   * @param protection which
   * @param tripped true for a trip, false for a clear
   * @param finding what was seen
   */
  record Change(Protection protection, boolean tripped, Protection.Finding finding) {}

  private final Set<Protection> held = EnumSet.noneOf(Protection.class);
  private final Map<Protection, Integer> run = new EnumMap<>(Protection.class);
  private final Map<Protection, Instant> lastSample = new EnumMap<>(Protection.class);

  BankProtections() {
    for (Protection p : Protection.values()) {
      if (SafingTable.onFault(p.fault()).filter(rule -> rule.safe().contains("bank")).isEmpty()) {
        throw new IllegalStateException("SafingTable has no rule safing the bank on fault " + p.fault());
      }
      run.put(p, 0);
    }
  }

  /** Judges every protection on one cycle's readings; returns the trips and clears it completed. */
  List<Change> evaluate(BankReadings readings, ProtectionLimits limits) {
    List<Change> changes = new ArrayList<>(2);
    for (Protection p : Protection.values()) {
      Instant sampled = p.sampled(readings);
      if (sampled.equals(lastSample.put(p, sampled))) {
        continue; // the same sample again: it has been judged
      }
      boolean isHeld = held.contains(p);
      Protection.Finding finding = p.judge(readings, limits, isHeld);
      Protection.Verdict toward = isHeld ? Protection.Verdict.GONE : Protection.Verdict.PRESENT;
      if (finding.verdict() != toward) {
        run.put(p, 0);
        continue;
      }
      int seen = run.get(p) + 1;
      if (seen < PERSISTENCE) {
        run.put(p, seen);
        continue;
      }
      run.put(p, 0);
      if (isHeld) {
        held.remove(p);
      } else {
        held.add(p);
      }
      changes.add(new Change(p, !isHeld, finding));
    }
    return changes;
  }

  /** Whether {@code protection} has tripped and not yet cleared. */
  boolean holds(Protection protection) {
    return held.contains(protection);
  }

  /** The protections tripped and not yet cleared. */
  Set<Protection> held() {
    return held.isEmpty() ? Set.of() : EnumSet.copyOf(held);
  }
}
