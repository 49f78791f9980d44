package space.lunarbase.ground.site;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;
import space.lunarbase.ground.cli.Lunarctl;
import space.lunarbase.site.Report;
import space.lunarbase.site.SiteException;

/**
 * How the site commands run and print: one line per report entry on stdout, one line per problem on
 * stderr.
 */
final class ReportPrinter {

  private ReportPrinter() {}

  /** A site operation: the report of what it did, or why it could not. */
  @FunctionalInterface
  interface Operation {
    Report run(PrintWriter out) throws SiteException;
  }

  /**
   * Runs {@code operation} for the command of {@code spec}: its report on stdout, then {@code next}
   * when the report shows a {@code changed} site; a problem on stderr. Returns the exit code.
   */
  static int run(CommandSpec spec, Operation operation, Predicate<Report> changed, String next) {
    PrintWriter out = spec.commandLine().getOut();
    Report report;
    try {
      report = operation.run(out);
    } catch (SiteException e) {
      return fail(spec.commandLine().getErr(), e);
    }
    print(out, report);
    if (changed.test(report)) {
      out.println(next);
    }
    out.flush();
    return Lunarctl.EXIT_OK;
  }

  /** {@code action  name  detail}, aligned. */
  static void print(PrintWriter out, Report report) {
    for (Report.Entry entry : report.entries()) {
      out.println(String.format(Locale.ROOT, "%-13s %-16s %s", entry.action().word(), entry.name(), entry.detail()));
    }
  }

  /** Prints {@code lunarctl: message} on stderr and returns the exit code for the kind of problem. */
  static int fail(PrintWriter err, SiteException e) {
    err.println("lunarctl: " + e.getMessage());
    err.flush();
    return switch (e.kind()) {
      case MANIFEST, FOLDER -> Lunarctl.EXIT_FILE;
      case UNKNOWN_NAME -> Lunarctl.EXIT_USAGE;
    };
  }
}
