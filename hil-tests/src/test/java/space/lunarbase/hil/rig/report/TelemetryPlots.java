package space.lunarbase.hil.rig.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import space.lunarbase.hil.rig.Observation.Telemetry;
import space.lunarbase.hil.rig.Timeline.Entry;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CellTelemetry;
import space.lunarbase.proto.v1.LinkTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The plots every scenario gets from the telemetry it recorded, each only if there is data for it:
 * pack voltage and current per boot, cell voltages, the link's queues and totals against simulated
 * time (seconds since the first sample the rig saw), and when each bank frame arrived (sequence
 * number against real time, live and replayed), which shows outages and replays at a glance; the
 * tracker's pointing error and axes, the rail's sequence and each shot's sled speed between gates,
 * once those applications publish them.
 */
final class TelemetryPlots {

  private static final String SIM_X = "simulated time since the first sample (s)";

  private TelemetryPlots() {}

  static List<Plot> from(List<Entry> entries) {
    List<Entry> telemetry = entries.stream().filter(e -> e.what() instanceof Telemetry).toList();
    OptionalLong t0 = telemetry.stream().mapToLong(e -> frame(e).getHeader().getSampleTimeNs()).min();
    if (t0.isEmpty()) {
      return List.of();
    }
    List<Plot> plots = new ArrayList<>();
    List<Entry> bank = on(telemetry, "tlm/bank", f -> f.hasBank());
    plots.add(perBoot("bank-pack-voltage", "Pack voltage", "V", bank, t0.getAsLong(), f -> f.getBank().getPackVoltageV()));
    plots.add(perBoot("bank-pack-current", "Pack current", "A", bank, t0.getAsLong(), f -> f.getBank().getPackCurrentA()));
    plots.add(cells(bank, t0.getAsLong()));
    List<Entry> link = on(telemetry, "tlm/link", f -> f.hasLink());
    plots.add(lines("link-queues", "Link queues", "messages", link, t0.getAsLong(), Map.of(
        "journal pending", f -> f.getLink().getJournalPending(),
        "outbox depth", f -> f.getLink().getOutboxDepth(),
        "inflight", f -> f.getLink().getInflight())));
    plots.add(lines("link-totals", "Link totals", "messages", link, t0.getAsLong(), Map.of(
        "published", f -> f.getLink().getPublished(),
        "replayed", f -> f.getLink().getReplayed())));
    plots.add(arrivals(bank));
    List<Entry> tracker = on(telemetry, "tlm/tracker", f -> f.hasTracker());
    plots.add(lines("tracker-pointing-error", "Tracker pointing error", "degrees", tracker, t0.getAsLong(), Map.of(
        "pointing error", f -> f.getTracker().getPointingErrorDeg())));
    plots.add(lines("tracker-axes", "Tracker axes", "degrees (azimuth unwrapped by its wrap turns)", tracker,
        t0.getAsLong(), Map.of(
            "azimuth", f -> f.getTracker().getAzimuth().getAngleDeg() + 360.0 * f.getTracker().getAzimuth().getWrapTurns(),
            "azimuth target", f -> f.getTracker().getAzimuth().getTargetDeg(),
            "elevation", f -> f.getTracker().getElevation().getAngleDeg())));
    List<Entry> rail = on(telemetry, "tlm/rail", f -> f.hasRail());
    plots.add(lines("rail-sequence", "Rail sequence (1 SAFE, 2 ARMING, 3 ARMED, 4 FIRE, 5 ANALYZE)", "state", rail,
        t0.getAsLong(), Map.of("sequence", f -> f.getRail().getSequenceValue())));
    plots.add(sledSpeed(on(telemetry, "tlm/shot", f -> f.hasShot())));
    return plots.stream().filter(Plot::hasData).toList();
  }

  private static TelemetryFrame frame(Entry e) {
    return ((Telemetry) e.what()).frame();
  }

  private static List<Entry> on(List<Entry> telemetry, String stream, java.util.function.Predicate<TelemetryFrame> has) {
    return telemetry.stream().filter(e -> ((Telemetry) e.what()).stream().equals(stream) && has.test(frame(e))).toList();
  }

  private static double simSeconds(TelemetryFrame f, long t0) {
    return (f.getHeader().getSampleTimeNs() - t0) / 1e9;
  }

  /** One line per boot, in sample-time order, each sequence number once (replays fill the outage). */
  private static Plot perBoot(String file, String title, String unit, List<Entry> frames, long t0,
      ToDoubleFunction<TelemetryFrame> value) {
    Map<Long, TreeMap<Long, TelemetryFrame>> byBoot = new TreeMap<>();
    for (Entry e : frames) {
      TelemetryFrame f = frame(e);
      if (f.getBank().getQuality() == space.lunarbase.proto.v1.Quality.QUALITY_GOOD) {
        byBoot.computeIfAbsent(f.getHeader().getBootCount(), b -> new TreeMap<>()).putIfAbsent(f.getHeader().getSequence(), f);
      }
    }
    List<Plot.Series> series = new ArrayList<>();
    byBoot.forEach((boot, bySeq) -> {
      List<TelemetryFrame> sorted = bySeq.values().stream()
          .sorted(Comparator.comparingLong(f -> f.getHeader().getSampleTimeNs())).toList();
      series.add(Plot.Series.line("boot " + boot, sorted.stream().map(f -> simSeconds(f, t0)).toList(),
          sorted.stream().map(value::applyAsDouble).toList()));
    });
    return new Plot(file, title, SIM_X, title.toLowerCase() + " (" + unit + ")", series);
  }

  private static Plot cells(List<Entry> frames, long t0) {
    TreeMap<Integer, List<double[]>> byCell = new TreeMap<>();
    for (Entry e : frames) {
      TelemetryFrame f = frame(e);
      for (CellTelemetry c : f.getBank().getCellsList()) {
        if (c.getQuality() == space.lunarbase.proto.v1.Quality.QUALITY_GOOD) {
          byCell.computeIfAbsent(c.getIndex(), i -> new ArrayList<>()).add(new double[] {simSeconds(f, t0), c.getVoltageV()});
        }
      }
    }
    List<Plot.Series> series = new ArrayList<>();
    byCell.forEach((cell, points) -> {
      points.sort(Comparator.comparingDouble(p -> p[0]));
      series.add(Plot.Series.line("cell %02d".formatted(cell), points.stream().map(p -> p[0]).toList(),
          points.stream().map(p -> p[1]).toList()));
    });
    return new Plot("bank-cell-voltages", "Cell voltages", SIM_X, "cell voltage (V)", series);
  }

  private static Plot lines(String file, String title, String unit, List<Entry> frames, long t0,
      Map<String, ToDoubleFunction<TelemetryFrame>> values) {
    List<TelemetryFrame> sorted = frames.stream().map(TelemetryPlots::frame)
        .sorted(Comparator.comparingLong(f -> f.getHeader().getSampleTimeNs())).toList();
    List<Plot.Series> series = new ArrayList<>();
    new TreeMap<>(values).forEach((name, value) -> series.add(Plot.Series.line(name,
        sorted.stream().map(f -> simSeconds(f, t0)).toList(), sorted.stream().map(value::applyAsDouble).toList())));
    return new Plot(file, title, SIM_X, unit, series);
  }

  /** Each shot's speed between consecutive gates, at the middle of each gate pair. */
  private static Plot sledSpeed(List<Entry> shots) {
    List<Plot.Series> series = new ArrayList<>();
    for (Entry e : shots) {
      var shot = frame(e).getShot();
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < shot.getSegmentSpeedMpsCount() && i + 1 < shot.getGatesCount(); i++) {
        x.add((shot.getGates(i).getPositionM() + shot.getGates(i + 1).getPositionM()) / 2);
        y.add(shot.getSegmentSpeedMps(i));
      }
      String name = "shot #" + frame(e).getHeader().getSequence() + " " + shot.getPayloadId();
      if (series.stream().noneMatch(s -> s.name().equals(name))) {
        series.add(Plot.Series.line(name, x, y));
      }
    }
    return new Plot("rail-sled-speed", "Sled speed between gates", "position along the rail (m)", "speed (m/s)", series);
  }

  private static Plot arrivals(List<Entry> frames) {
    Map<String, List<double[]>> groups = new TreeMap<>();
    for (Entry e : frames) {
      TelemetryFrame f = frame(e);
      String group = "boot " + f.getHeader().getBootCount() + (f.getHeader().getHistorical() ? " replayed" : " live");
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(new double[] {e.wallSeconds(), f.getHeader().getSequence()});
    }
    List<Plot.Series> series = new ArrayList<>();
    groups.forEach((name, points) -> series.add(Plot.Series.points(name, points.stream().map(p -> p[0]).toList(),
        points.stream().map(p -> p[1]).toList())));
    return new Plot("bank-arrivals", "When each tlm/bank frame arrived", "real time since the rig started (s)",
        "sequence number", series);
  }

  /** A bank frame's mode, as the report's timeline shows it. */
  static String bankMode(BankTelemetry b) {
    return b.getMode().name().replace("MODE_", "");
  }

  /** A tracker frame's mode. */
  static String trackerMode(space.lunarbase.proto.v1.TrackerTelemetry t) {
    return t.getMode().name().replace("MODE_", "");
  }

  /** A rail frame's sequence state. */
  static String railSequence(space.lunarbase.proto.v1.RailTelemetry r) {
    return r.getSequence().name().replace("SEQUENCE_", "");
  }

  /** A link frame's status, as the report's timeline shows it. */
  static String linkState(LinkTelemetry l) {
    return l.getStatus().name().replace("STATUS_", "");
  }
}
