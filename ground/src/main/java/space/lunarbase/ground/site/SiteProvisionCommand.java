package space.lunarbase.ground.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.Lunarctl;
import space.lunarbase.site.Provisioner;
import space.lunarbase.site.Report;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.site.SiteManifest;

/**
 * {@code lunarctl site provision MANIFEST --dir DIR [--reissue NAME]...}: makes the site folder
 * DIR from the manifest, or brings it up to a grown one, and prints one line per thing
 * ({@code created}, {@code kept}, {@code changed}, {@code reissued}, {@code still-revoked},
 * {@code unlisted}, {@code written}). Existing keys and certificates are never touched unless named
 * with {@code --reissue}. Exit 0, 4 for a manifest or folder that cannot be used (one line on
 * stderr), 64 for a bad command line.
 */
@Command(name = "provision", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = {"Make or grow a site folder from a manifest: the site CA, the broker's files (certificate, ACL,"
        + " CRL) and one bundle per controller, operator, observer and bridge. What exists is kept byte for byte."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done (what was created, kept or changed is printed)",
        "4:the manifest or the site folder cannot be used (why, on stderr)",
        "64:invalid command line, or --reissue of a name the manifest does not list"})
public final class SiteProvisionCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MANIFEST", description = "The site manifest (YAML: site, broker, controllers,"
      + " operators, observers, bridges; see site/README.md).")
  private Path manifest;

  @Option(names = "--dir", paramLabel = "DIR", required = true,
      description = "The site folder: new or empty the first time, the same one for every later run. Keep it safe:"
          + " it holds the CA's key.")
  private Path dir;

  @Option(names = "--reissue", paramLabel = "NAME",
      description = "Give NAME a new key and certificate (the old one goes into the CRL): a lost or leaked key, or a"
          + " revoked identity let back in. Repeatable.")
  private List<String> reissue = List.of();

  private final Clock clock;

  public SiteProvisionCommand() {
    this(Clock.systemUTC());
  }

  /** With {@code clock} for the times in the certificates and the CRL (lunarctl's factory passes its own). */
  public SiteProvisionCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    return ReportPrinter.run(spec, out -> {
      SiteManifest site = SiteManifest.read(manifest);
      Report report = new Provisioner(new SiteFolder(dir), clock, new SecureRandom())
          .provision(site, new LinkedHashSet<>(reissue));
      out.println("site " + site.site() + " in " + dir);
      return report;
    }, report -> !report.of(Report.Action.WRITTEN).isEmpty() || !report.of(Report.Action.REISSUED).isEmpty(),
        "next: install " + dir.resolve("broker") + "/* in /etc/mosquitto/lunarbase/ (owner mosquitto,"
            + " mode 0600) and run: systemctl reload mosquitto"
            + (Files.isDirectory(dir.resolve("earth")) ? "; a bridged site: append broker/earth-bridge.conf to the site"
            + " broker's mosquitto.conf (a restart, not a reload, starts the bridge), install earth/* on the Earth"
            + " broker likewise (deploy/README.md, \"The site bridged to Earth\")" : ""));
  }
}
