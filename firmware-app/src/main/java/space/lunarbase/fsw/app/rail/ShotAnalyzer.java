package space.lunarbase.fsw.app.rail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.TreeMap;
import space.lunarbase.hal.device.railfe.CoilTriggerEvent;
import space.lunarbase.hal.device.railfe.EventFlag;
import space.lunarbase.hal.device.railfe.GateEvent;
import space.lunarbase.hal.device.railfe.RailEvent;
import space.lunarbase.proto.v1.ShotAnomaly.Kind;

/**
 * Turns one shot's FIFO records into speeds and anomalies. Speeds come from gate timestamps and
 * positions only (front-end ns counter, &plusmn;20 ns): between consecutive crossings, and per stage
 * interval, the sled's speed being constant between the coil triggers that drew current.
 *
 * <p>Stage speed i (after the i-th effective trigger at T_i): from the first and last crossings
 * before T_(i+1) when there are two or more, else from the one crossing and the sled's position
 * at T_i (carried from the interval before; the sled rests on coil 0 until the first trigger).
 * The exit speed is the last stage speed.
 *
 * <p>Anomalies: records whose timestamps go back, crossings not in gate order, noise pulses,
 * repeated crossings, gates never crossed, a segment speed off the plan's by more than the
 * tolerance (or not positive), coils of the table that never triggered or drew no current, an
 * exit speed off the plan or not measurable, FIFO overflow, lost records, failed drains, a
 * timeout and an abort.
 */
public final class ShotAnalyzer {

  private final RailGeometry geometry;

  public ShotAnalyzer(RailGeometry geometry) {
    this.geometry = geometry;
  }

  /**
   * @param tolerance fraction, e.g. 0.02: how far a speed may be from the plan's
   */
  ShotAnalysis analyze(ShotPlan plan, ShotRecording recording, double tolerance) {
    List<ShotAnomaly> anomalies = new ArrayList<>();
    List<RailEvent> events = recording.events();
    checkTimeOrder(events, anomalies);
    List<ShotAnalysis.Crossing> crossings = crossings(events, anomalies);
    List<Double> segments = segments(plan, crossings, tolerance, anomalies);
    List<Long> triggers = triggers(plan, events, anomalies);
    List<Double> stageSpeeds = stageSpeeds(crossings, triggers);
    OptionalDouble exit = exitSpeed(plan, stageSpeeds, tolerance, anomalies);
    recordingHealth(recording, anomalies);
    return new ShotAnalysis(crossings, segments, stageSpeeds, exit, anomalies);
  }

  private static void checkTimeOrder(List<RailEvent> events, List<ShotAnomaly> anomalies) {
    long latest = Long.MIN_VALUE;
    for (RailEvent e : events) {
      if (e.timestampNs() < latest) {
        anomalies.add(new ShotAnomaly(Kind.KIND_OUT_OF_ORDER, e instanceof GateEvent g ? g.gate() : -1,
            e instanceof CoilTriggerEvent t ? t.coil() : -1, String.format(Locale.ROOT,
                "%s at %d ns comes after a record at %d ns", describe(e), e.timestampNs(), latest)));
      }
      latest = Math.max(latest, e.timestampNs());
    }
  }

  /** Real crossings, first per gate, in time order and gate order; noise, repeats and the rest reported. */
  private List<ShotAnalysis.Crossing> crossings(List<RailEvent> events, List<ShotAnomaly> anomalies) {
    int[] noise = new int[geometry.gates()];
    int[] repeats = new int[geometry.gates()];
    TreeMap<Integer, GateEvent> first = new TreeMap<>();
    for (RailEvent e : events) {
      if (!(e instanceof GateEvent g)) {
        continue;
      }
      if (g.gate() >= geometry.gates()) {
        anomalies.add(ShotAnomaly.gate(Kind.KIND_NOISY_GATE, g.gate(), "a record for gate " + g.gate()
            + ", which rail " + geometry.railId() + " does not have (" + geometry.gates() + " gates)"));
      } else if (!g.isCrossing()) {
        noise[g.gate()]++;
      } else if (first.putIfAbsent(g.gate(), g) != null) {
        repeats[g.gate()]++;
      }
    }
    for (int gate = 0; gate < geometry.gates(); gate++) {
      if (noise[gate] > 0) {
        anomalies.add(ShotAnomaly.gate(Kind.KIND_NOISY_GATE, gate, "gate " + gate + ": " + noise[gate]
            + " pulse(s) shorter than the deglitch width"));
      }
      if (repeats[gate] > 0) {
        anomalies.add(ShotAnomaly.gate(Kind.KIND_DUPLICATE_CROSSING, gate, "gate " + gate + " crossed "
            + (repeats[gate] + 1) + " times; the first is used"));
      }
      if (!first.containsKey(gate)) {
        anomalies.add(ShotAnomaly.gate(Kind.KIND_MISSING_GATE, gate, String.format(Locale.ROOT,
            "gate %d (%.2f m) reported no crossing", gate, geometry.gate(gate))));
      }
    }
    List<GateEvent> byTime = new ArrayList<>(first.values());
    byTime.sort(Comparator.comparingLong(GateEvent::timestampNs).thenComparingInt(GateEvent::gate));
    List<ShotAnalysis.Crossing> kept = new ArrayList<>();
    for (GateEvent g : byTime) {
      ShotAnalysis.Crossing last = kept.isEmpty() ? null : kept.getLast();
      if (last != null && g.gate() < last.gate()) {
        anomalies.add(ShotAnomaly.gate(Kind.KIND_OUT_OF_ORDER, g.gate(), String.format(Locale.ROOT,
            "gate %d crossed at %d ns, after gate %d at %d ns; left out of the speeds", g.gate(), g.timestampNs(),
            last.gate(), last.timestampNs())));
        continue;
      }
      kept.add(new ShotAnalysis.Crossing(g.gate(), g.timestampNs(), geometry.gate(g.gate())));
    }
    return kept;
  }

  private static List<Double> segments(ShotPlan plan, List<ShotAnalysis.Crossing> crossings, double tolerance,
      List<ShotAnomaly> anomalies) {
    List<Double> speeds = new ArrayList<>();
    for (int i = 1; i < crossings.size(); i++) {
      ShotAnalysis.Crossing a = crossings.get(i - 1);
      ShotAnalysis.Crossing b = crossings.get(i);
      double dx = b.positionM() - a.positionM();
      double speed = dx / ((b.timestampNs() - a.timestampNs()) / 1e9);
      speeds.add(speed);
      double expected = dx / (plan.timeAt(b.positionM()) - plan.timeAt(a.positionM()));
      if (!(speed > 0) || !Double.isFinite(speed) || Math.abs(speed - expected) > tolerance * expected) {
        anomalies.add(ShotAnomaly.gate(Kind.KIND_SPEED_JUMP, b.gate(), String.format(Locale.ROOT,
            "gates %d-%d: %.3f m/s, the plan gives %.3f m/s", a.gate(), b.gate(), speed, expected)));
      }
    }
    return speeds;
  }

  /** Times of the triggers that drew current, in order; coils that never fired or drew nothing reported. */
  private static List<Long> triggers(ShotPlan plan, List<RailEvent> events, List<ShotAnomaly> anomalies) {
    List<Long> effective = new ArrayList<>();
    boolean[] triggered = new boolean[Math.max(plan.stages(), 16)];
    for (RailEvent e : events) {
      if (!(e instanceof CoilTriggerEvent t)) {
        continue;
      }
      if (t.coil() < triggered.length) {
        triggered[t.coil()] = true;
      }
      if (t.flags().contains(EventFlag.NO_CURRENT)) {
        anomalies.add(ShotAnomaly.coil(Kind.KIND_COIL_NO_CURRENT, t.coil(), "coil " + t.coil()
            + " was triggered at " + t.timestampNs() + " ns but drew no current"));
      } else {
        effective.add(t.timestampNs());
      }
    }
    for (int coil = 0; coil < plan.stages(); coil++) {
      if (!triggered[coil]) {
        anomalies.add(ShotAnomaly.coil(Kind.KIND_COIL_NOT_TRIGGERED, coil, "coil " + coil
            + " of the firing table never triggered"));
      }
    }
    effective.sort(null);
    return effective;
  }

  private List<Double> stageSpeeds(List<ShotAnalysis.Crossing> crossings, List<Long> triggers) {
    List<Double> speeds = new ArrayList<>();
    double anchor = geometry.coil(0);
    boolean anchorKnown = true;
    for (int i = 0; i < triggers.size(); i++) {
      long start = triggers.get(i);
      long end = i + 1 < triggers.size() ? triggers.get(i + 1) : Long.MAX_VALUE;
      List<ShotAnalysis.Crossing> inside = crossings.stream()
          .filter(c -> c.timestampNs() >= start && c.timestampNs() < end).toList();
      double v;
      if (inside.size() >= 2) {
        ShotAnalysis.Crossing a = inside.getFirst();
        ShotAnalysis.Crossing b = inside.getLast();
        v = (b.positionM() - a.positionM()) / ((b.timestampNs() - a.timestampNs()) / 1e9);
      } else if (inside.size() == 1 && anchorKnown) {
        ShotAnalysis.Crossing c = inside.getFirst();
        v = (c.positionM() - anchor) / ((c.timestampNs() - start) / 1e9);
      } else {
        v = Double.NaN;
      }
      speeds.add(v);
      if (end != Long.MAX_VALUE) {
        anchorKnown = Double.isFinite(v);
        if (anchorKnown) {
          anchor = inside.isEmpty() ? anchor + v * ((end - start) / 1e9)
              : inside.getLast().positionM() + v * ((end - inside.getLast().timestampNs()) / 1e9);
        }
      }
    }
    return speeds;
  }

  private static OptionalDouble exitSpeed(ShotPlan plan, List<Double> stageSpeeds, double tolerance,
      List<ShotAnomaly> anomalies) {
    double exit = stageSpeeds.isEmpty() ? Double.NaN : stageSpeeds.getLast();
    if (!(exit > 0) || !Double.isFinite(exit)) {
      anomalies.add(ShotAnomaly.of(Kind.KIND_EXIT_SPEED_UNMEASURED, stageSpeeds.isEmpty()
          ? "no coil drew current: the sled did not move"
          : "the gates after the last stage that fired do not give the exit speed"));
      return OptionalDouble.empty();
    }
    double planned = plan.plannedExitSpeedMps();
    if (Math.abs(exit - planned) > tolerance * planned) {
      anomalies.add(ShotAnomaly.of(Kind.KIND_EXIT_SPEED_OFF, String.format(Locale.ROOT,
          "exit speed %.3f m/s, the plan gives %.3f m/s (%+.2f %%)", exit, planned, 100 * (exit - planned) / planned)));
    }
    return OptionalDouble.of(exit);
  }

  private static void recordingHealth(ShotRecording recording, List<ShotAnomaly> anomalies) {
    if (recording.overflow()) {
      anomalies.add(ShotAnomaly.of(Kind.KIND_FIFO_OVERFLOW, "the front-end's FIFO overflowed: "
          + recording.droppedRecords() + " records dropped"));
    }
    if (recording.lostRecords() > 0) {
      anomalies.add(ShotAnomaly.of(Kind.KIND_RECORDS_LOST, recording.lostRecords()
          + " records lost to corrupt FIFO reads"));
    }
    if (recording.failedDrains() > 0) {
      anomalies.add(ShotAnomaly.of(Kind.KIND_RECORDS_LOST, recording.failedDrains() + " FIFO drain(s) failed, the first: "
          + recording.firstDrainFault()));
    }
    if (recording.isTimedOut()) {
      anomalies.add(ShotAnomaly.of(Kind.KIND_SHOT_TIMEOUT, "the front-end was still firing at the shot timeout;"
          + " it was disarmed"));
    }
    if (recording.isAborted()) {
      anomalies.add(ShotAnomaly.of(Kind.KIND_ABORTED, "the shot was aborted before its analysis was complete"));
    }
  }

  private static String describe(RailEvent e) {
    return switch (e) {
      case GateEvent g -> "gate " + g.gate() + " record";
      case CoilTriggerEvent t -> "coil " + t.coil() + " trigger";
      case space.lunarbase.hal.device.railfe.CoilCurrentSample s -> "coil " + s.coil() + " current sample";
    };
  }
}
