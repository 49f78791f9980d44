package space.lunarbase.ground.site;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
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

/**
 * {@code lunarctl site revoke NAME --dir DIR}: revokes the identity NAME (its manifest name, or
 * its certificate's CN): its serial goes into a new {@code broker/crl.pem}, its block out of
 * {@code broker/acl}. The broker learns of it when it reads them again: {@code systemctl reload
 * mosquitto} (SIGHUP) refuses the certificate to every new connection at once, and takes every
 * topic from a connection it has open; a restart also closes that connection. Exit 0 (also when it
 * was revoked already), 4 for a folder that cannot be used, 64 for a name the site does not hold.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = {"Revoke an identity: its certificate goes into the site's CRL and its topics out of the ACL.",
        "Then install DIR/broker/crl.pem and DIR/broker/acl in /etc/mosquitto/lunarbase/ and run: systemctl reload"
            + " mosquitto"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:revoked (or it was already)", "4:the site folder cannot be used (why, on stderr)",
        "64:invalid command line, or the site holds no such identity"})
public final class SiteRevokeCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The identity: its name in the manifest (bank-ctl-1,"
      + " alice) or its certificate's CN (lunar-south.bank-ctl-1).")
  private String name;

  @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The site folder.")
  private Path dir;

  private final Clock clock;

  public SiteRevokeCommand() {
    this(Clock.systemUTC());
  }

  /** With {@code clock} for the revocation time and the CRL (lunarctl's factory passes its own). */
  public SiteRevokeCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    return ReportPrinter.run(spec, out -> new Provisioner(new SiteFolder(dir), clock, new SecureRandom()).revoke(name),
        report -> !report.of(Report.Action.REVOKED).isEmpty(),
        "next: install " + dir.resolve("broker/crl.pem") + " and " + dir.resolve("broker/acl")
            + " in /etc/mosquitto/lunarbase/ and run: systemctl reload mosquitto"
            + (Files.isDirectory(dir.resolve("earth")) ? "; on the Earth broker likewise with earth/crl.pem and earth/acl"
            : ""));
  }
}
