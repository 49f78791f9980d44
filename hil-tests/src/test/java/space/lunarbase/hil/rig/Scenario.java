package space.lunarbase.hil.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import space.lunarbase.hil.rig.report.ReportIndex;
import space.lunarbase.hil.rig.report.ScenarioReport;

/**
 * A scenario test's rig and report, as a JUnit extension:
 *
 * <pre>
 * &#64;RegisterExtension
 * final Scenario scenario = Scenario.of("4", "Broker outage during telemetry", "what it shows");
 *
 * &#64;Test
 * void ...() {
 *   Rig rig = scenario.start(RigOptions.defaults());
 *   ...
 * }
 * </pre>
 * After each test it stops the rig and writes the scenario's section of the report (outcome, the
 * failure if any, figures, notes, plots, timeline) under {@code target/hil-report/<id>-<test>},
 * then rebuilds {@code target/hil-report/index.html}. The controller's data folder is kept in
 * {@code target/hil-work/<id>-<test>} for a look after a failure.
 */
public final class Scenario implements BeforeEachCallback, AfterEachCallback {

  private final String id;
  private final String title;
  private final String purpose;
  private final List<Rig> rigs = new ArrayList<>();
  private String folder;
  private long startNanos;

  private Scenario(String id, String title, String purpose) {
    this.id = id;
    this.title = title;
    this.purpose = purpose;
  }

  /** Scenario {@code id} (its number in hil-tests/README.md), its title and one sentence on what it shows. */
  public static Scenario of(String id, String title, String purpose) {
    return new Scenario(id, title, purpose);
  }

  /** Starts a rig for the running test; it is closed and reported after the test. */
  public Rig start(RigOptions options) {
    if (folder == null) {
      throw new IllegalStateException("start the rig inside a test (the extension names its folder)");
    }
    try {
      Path work = Path.of("target", "hil-work", folder + (rigs.isEmpty() ? "" : "-" + rigs.size()));
      deleteRecursively(work); // a fresh controller: boot 1, empty journal
      Files.createDirectories(work);
      Rig rig = Rig.start(options, work);
      rigs.add(rig);
      return rig;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names the test's folders. */
  @Override
  public void beforeEach(ExtensionContext context) {
    folder = ("s" + id + "-" + context.getRequiredTestMethod().getName()).replaceAll("[^A-Za-z0-9-]", "-")
        .toLowerCase(Locale.ROOT);
    startNanos = System.nanoTime();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      for (Rig rig : rigs) {
        rig.close();
      }
      String outcome = context.getExecutionException().isPresent() ? "FAILED" : "PASSED";
      String failure = context.getExecutionException().map(Scenario::describe).orElse("");
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      for (int i = 0; i < rigs.size(); i++) {
        Rig rig = rigs.get(i);
        ScenarioReport.write(ReportIndex.ROOT.resolve(folder + (i == 0 ? "" : "-" + i)),
            new ScenarioReport.Summary(id, title, purpose, outcome, failure, seconds, rig.figures(), rig.notes()),
            rig.timeline().entries(), rig.plots());
      }
      ReportIndex.rebuild();
    } finally {
      rigs.clear();
      folder = null;
    }
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var paths = Files.walk(folder)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String describe(Throwable t) {
    String text = t.toString();
    return text.length() > 6000 ? text.substring(0, 6000) + "\n…" : text;
  }
}
