package space.lunarbase.ground.site;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.Lunarctl;

/**
 * {@code lunarctl site}: a secure site's certificates and broker files. {@code site provision}
 * makes or grows a site folder from a manifest; {@code site revoke} shuts an identity out. No
 * broker: the files go to the broker and the boards by hand (deploy/README.md, "A secure site").
 */
@Command(name = "site", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = {"A secure site's CA, certificates and broker files: provision them from a manifest, revoke an"
        + " identity.", "Then install DIR/broker in /etc/mosquitto/lunarbase/ and give each board its DIR/bundles/NAME."},
    subcommands = {SiteProvisionCommand.class, SiteRevokeCommand.class})
public final class SiteCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: lunarctl site provision or lunarctl site revoke");
  }
}
