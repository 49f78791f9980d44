package space.lunarbase.hil.rig.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code target/hil-report/index.html}: a table of every scenario that ran (outcome, real time)
 * and their sections one after another. Rebuilt after each scenario from the folders present, so
 * a single scenario run (-Dtest=...) gets a report of its own too.
 */
public final class ReportIndex {

  /** Where the report lands, relative to the hil-tests module (surefire's working folder). */
  public static final Path ROOT = Path.of("target", "hil-report");

  private static final String STYLE = """
      body { font-family: sans-serif; margin: 2em; max-width: 1300px; }
      table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
      td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
      .passed { color: #080; } .failed { color: #b00; }
      pre.failure { background: #fee; padding: 0.5em; white-space: pre-wrap; }
      tr.rig td { background: #eef; } tr.cmd td { background: #ffd; } tr.ack td { background: #ffe; }
      tr.evt td { background: #fef6ee; } tr.state td { background: #efe; } tr.bad td { background: #fdd; }
      .small { color: #666; font-size: 0.85em; } img { display: block; margin: 0.5em 0; }
      section { border-top: 2px solid #999; margin-top: 2em; }
      """;

  private ReportIndex() {}

  /** Rewrites the index from every scenario folder under {@link #ROOT}. */
  public static synchronized Path rebuild() {
    try {
      Files.createDirectories(ROOT);
      List<Path> folders;
      try (Stream<Path> list = Files.list(ROOT)) {
        folders = list.filter(p -> Files.isRegularFile(p.resolve("section.html"))).sorted().toList();
      }
      StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
          + "<title>lunarbase HIL report</title><style>" + STYLE + "</style></head><body>\n"
          + "<h1>lunarbase hardware-in-the-loop scenarios</h1>\n"
          + "<p>Each scenario ran the firmware as a process on a simulated board against a real broker"
          + " (hil-tests, <code>space.lunarbase.hil.rig.Rig</code>). Real times are seconds since the rig started;"
          + " sample times are the controller's (simulated) clock.</p>\n"
          + "<table><tr><th>scenario</th><th>test</th><th>outcome</th><th>real s</th></tr>\n");
      for (Path folder : folders) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(folder.resolve("summary.properties"))) {
          p.load(in);
        }
        String outcome = p.getProperty("outcome", "?");
        h.append("<tr><td>").append(ScenarioReport.esc(p.getProperty("id", "") + ": " + p.getProperty("title", "")))
            .append("</td><td><a href=\"#").append(folder.getFileName()).append("\">").append(folder.getFileName())
            .append("</a></td><td class=\"").append(outcome.toLowerCase()).append("\">").append(outcome)
            .append("</td><td>").append(p.getProperty("seconds", "")).append("</td></tr>\n");
      }
      h.append("</table>\n");
      for (Path folder : folders) {
        h.append(Files.readString(folder.resolve("section.html")));
      }
      h.append("</body></html>\n");
      Path index = ROOT.resolve("index.html");
      Files.writeString(index, h.toString());
      return index;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report index in " + ROOT, e);
    }
  }
}
