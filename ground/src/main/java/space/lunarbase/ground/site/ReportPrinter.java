package space.lunarbase.ground.site;

import java.io.PrintWriter;
import java.util.Locale;
import space.lunarbase.ground.cli.Lunarctl;
import space.lunarbase.site.Report;
import space.lunarbase.site.SiteException;

/** How the site commands print: one line per report entry on stdout, one line per problem on stderr. */
final class ReportPrinter {

  private ReportPrinter() {}

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
