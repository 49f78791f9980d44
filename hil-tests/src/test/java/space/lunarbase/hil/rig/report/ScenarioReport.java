package space.lunarbase.hil.rig.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import space.lunarbase.hil.rig.Observation;
import space.lunarbase.hil.rig.Observation.Telemetry;
import space.lunarbase.hil.rig.Timeline.Entry;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * One scenario's part of the report, in its own folder under {@code target/hil-report}: a section
 * of HTML (what it shows, outcome, figures, notes, plots, per-stream counts, and the timeline of
 * commands, acks, events, states, rig actions and telemetry changes) and its PNG plots. The index
 * ({@link ReportIndex}) puts the sections together.
 */
public final class ScenarioReport {

  /** What a scenario is and how it went. */
  public record Summary(String id, String title, String purpose, String outcome, String failure, double seconds,
      Map<String, String> figures, List<String> notes) {}

  private ScenarioReport() {}

  /** Writes {@code folder/section.html}, its PNGs and {@code summary.properties}. */
  public static void write(Path folder, Summary summary, List<Entry> entries, List<Plot> extraPlots) {
    try {
      Files.createDirectories(folder);
      List<String> images = new ArrayList<>();
      List<Plot> plots = new ArrayList<>(extraPlots);
      plots.addAll(TelemetryPlots.from(entries));
      for (Plot plot : plots) {
        if (plot.hasData()) {
          images.add(Charts.draw(plot, folder));
        }
      }
      Files.writeString(folder.resolve("section.html"), section(folder.getFileName().toString(), summary, entries, images));
      Properties p = new Properties();
      p.setProperty("id", summary.id());
      p.setProperty("title", summary.title());
      p.setProperty("outcome", summary.outcome());
      p.setProperty("seconds", "%.1f".formatted(summary.seconds()));
      try (var out = Files.newBufferedWriter(folder.resolve("summary.properties"))) {
        p.store(out, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report in " + folder, e);
    }
  }

  private static String section(String anchor, Summary s, List<Entry> entries, List<String> images) {
    StringBuilder h = new StringBuilder();
    h.append("<section id=\"").append(esc(anchor)).append("\">\n");
    h.append("<h2>Scenario ").append(esc(s.id())).append(": ").append(esc(s.title())).append(" <span class=\"")
        .append(s.outcome().toLowerCase()).append("\">").append(esc(s.outcome())).append("</span></h2>\n");
    h.append("<p>").append(esc(s.purpose())).append("</p>\n");
    h.append("<p class=\"small\">test ").append(esc(anchor)).append(", ").append("%.1f".formatted(s.seconds()))
        .append(" s real time, written ").append(Instant.now()).append("</p>\n");
    if (!s.failure().isEmpty()) {
      h.append("<pre class=\"failure\">").append(esc(s.failure())).append("</pre>\n");
    }
    if (!s.figures().isEmpty()) {
      h.append("<table><tr><th>measured</th><th>value</th></tr>\n");
      new TreeMap<>(s.figures()).forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
          .append(esc(v)).append("</td></tr>\n"));
      h.append("</table>\n");
    }
    if (!s.notes().isEmpty()) {
      h.append("<ul>\n");
      s.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
      h.append("</ul>\n");
    }
    images.forEach(i -> h.append("<img src=\"").append(esc(anchor)).append('/').append(esc(i)).append("\" alt=\"")
        .append(esc(i)).append("\">\n"));
    h.append(streams(entries));
    h.append(timeline(entries));
    h.append("</section>\n");
    return h.toString();
  }

  /** Per stream and boot: live and replayed frames, copies, highest sequence and holes in 1..highest. */
  private static String streams(List<Entry> entries) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Set<Long>> sequences = new HashMap<>();
    for (Entry e : entries) {
      Header header = e.what().header().orElse(null);
      if (header == null || e.what() instanceof Observation.StateSeen) {
        continue;
      }
      String stream = switch (e.what()) {
        case Telemetry t -> t.stream();
        case Observation.EventSeen ev -> "evt";
        case Observation.AckSeen a -> "ack";
        default -> "other";
      };
      String key = stream + " boot " + header.getBootCount();
      long[] c = counts.computeIfAbsent(key, k -> new long[4]);
      boolean fresh = sequences.computeIfAbsent(key, k -> new HashSet<>()).add(header.getSequence());
      c[header.getHistorical() ? 1 : 0]++;
      if (!fresh) {
        c[2]++;
      }
      c[3] = Math.max(c[3], header.getSequence());
    }
    StringBuilder h = new StringBuilder("<h3>Streams</h3>\n<table><tr><th>stream</th><th>live</th><th>replayed</th>"
        + "<th>copies</th><th>highest #</th><th>missing of 1..highest</th></tr>\n");
    counts.forEach((key, c) -> {
      long missing = c[3] - sequences.get(key).size();
      h.append("<tr><td>").append(esc(key)).append("</td><td>").append(c[0]).append("</td><td>").append(c[1])
          .append("</td><td>").append(c[2]).append("</td><td>").append(c[3]).append("</td><td>").append(missing)
          .append("</td></tr>\n");
    });
    return h.append("</table>\n").toString();
  }

  /**
   * The timeline a person reads: every rig action, command, ack, event and state; of telemetry,
   * only changes: the first frame of a stream per boot, the first replayed one, link status, bank
   * and tracker mode and rail sequence changes, and every shot report.
   */
  private static String timeline(List<Entry> entries) {
    StringBuilder h = new StringBuilder("<h3>Timeline</h3>\n<table class=\"timeline\"><tr><th>real s</th>"
        + "<th>sample time (UTC)</th><th>what</th></tr>\n");
    Set<String> firsts = new HashSet<>();
    Map<String, String> last = new HashMap<>();
    int telemetrySkipped = 0;
    for (Entry e : entries) {
      String note = null;
      if (e.what() instanceof Telemetry t) {
        TelemetryFrame f = t.frame();
        Header hd = f.getHeader();
        if (firsts.add(t.stream() + " " + hd.getBootCount() + " " + hd.getHistorical())) {
          note = hd.getHistorical() ? "first replayed frame" : "first frame of this boot";
        } else if (f.hasLink() && changed(last, "link", TelemetryPlots.linkState(f.getLink()))) {
          note = "link status " + TelemetryPlots.linkState(f.getLink());
        } else if (f.hasBank() && changed(last, "bank mode", TelemetryPlots.bankMode(f.getBank()))) {
          note = "bank mode " + TelemetryPlots.bankMode(f.getBank());
        } else if (f.hasTracker() && changed(last, "tracker mode", TelemetryPlots.trackerMode(f.getTracker()))) {
          note = "tracker mode " + TelemetryPlots.trackerMode(f.getTracker());
        } else if (f.hasRail() && changed(last, "rail", TelemetryPlots.railSequence(f.getRail()))) {
          note = "rail sequence " + TelemetryPlots.railSequence(f.getRail());
        } else if (f.hasShot()) {
          note = "shot report";
        }
        if (f.hasTracker()) {
          last.put("tracker mode", TelemetryPlots.trackerMode(f.getTracker()));
        }
        if (f.hasRail()) {
          last.put("rail", TelemetryPlots.railSequence(f.getRail()));
        }
        if (f.hasLink()) {
          last.put("link", TelemetryPlots.linkState(f.getLink()));
        }
        if (f.hasBank()) {
          last.put("bank mode", TelemetryPlots.bankMode(f.getBank()));
        }
        if (note == null) {
          telemetrySkipped++;
          continue;
        }
      }
      String cls = switch (e.what()) {
        case Observation.RigAction a -> "rig";
        case Observation.CommandSent c -> "cmd";
        case Observation.AckSeen a -> "ack";
        case Observation.EventSeen ev -> "evt";
        case Observation.StateSeen st -> "state";
        case Observation.Undecodable u -> "bad";
        case Telemetry t -> "tlm";
      };
      String sample = e.what().header().map(hd -> Instant.ofEpochSecond(0, hd.getSampleTimeNs()).toString()).orElse("");
      h.append("<tr class=\"").append(cls).append("\"><td>").append("%.3f".formatted(e.wallSeconds()))
          .append("</td><td>").append(esc(sample)).append("</td><td>").append(esc(e.what().describe()))
          .append(note == null ? "" : " <b>(" + esc(note) + ")</b>").append("</td></tr>\n");
    }
    h.append("</table>\n<p class=\"small\">").append(telemetrySkipped)
        .append(" further telemetry frames are counted in Streams and drawn in the plots.</p>\n");
    return h.toString();
  }

  private static boolean changed(Map<String, String> last, String key, String now) {
    String before = last.get(key);
    return before != null && !before.equals(now);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
