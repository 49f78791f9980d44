package space.lunarbase.testkit;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Optional;
import space.lunarbase.site.SiteFolder;

/**
 * A site broker installed in a test broker's working folder as an administrator installs one
 * (deploy/README.md, "A secure site"): the broker bundle copied into {@code lunarbase/}, and
 * {@code deploy/mosquitto/site.conf} itself with its listener on a loopback port and its folders
 * moved there. A change to site.conf that drops one of the lines moved here fails loudly.
 */
final class SiteBrokerInstall {

  private static final String LISTENER = "listener 8883\n";
  private static final String FILES = "/etc/mosquitto/lunarbase/";
  private static final String PERSISTENCE = "persistence_location /var/lib/mosquitto/\n";

  private SiteBrokerInstall() {}

  /** site.conf with its listener on {@code 127.0.0.1:port}, its files in {@code files}, its database in {@code db}. */
  static String config(Path siteConf, int port, Path files, Path db) throws IOException {
    String text = Files.readString(siteConf);
    text = replace(siteConf, text, LISTENER, "listener " + port + " 127.0.0.1\n");
    text = replace(siteConf, text, FILES, files + "/");
    return replace(siteConf, text, PERSISTENCE, "persistence_location " + db + "/\n");
  }

  /**
   * The bridge section of {@code files} with its certificate and key copied into {@code dir} (as
   * {@link #files} copies the broker's), the paths in it moved there and its {@code address}
   * replaced by {@code address}.
   */
  static String bridge(SiteFolder.BridgeFiles files, Path dir, String address) throws IOException {
    copy(List.of(files.certificateFile(), files.keyFile()), dir, brokerUser());
    String text = Files.readString(files.confFile());
    text = replace(files.confFile(), text, FILES, dir + "/");
    return text.replaceAll("(?m)^address .*$", "address " + address);
  }

  /**
   * Copies the broker bundle into {@code dir} (0700, files 0600), as {@code install -o mosquitto
   * -m 0600} would. Started as root, Mosquitto reads them as root at start but drops to the
   * {@code mosquitto} user before a reload (SIGHUP) reads them again, so that user owns them; run
   * as anyone else, Mosquitto stays that user, who owns them already.
   */
  static Path files(SiteFolder.BrokerBundle bundle, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Optional<UserPrincipal> owner = brokerUser();
    if (owner.isPresent()) {
      Files.setOwner(dir, owner.get());
    }
    copy(List.of(bundle.caFile(), bundle.certificateFile(), bundle.keyFile(), bundle.crlFile(), bundle.aclFile()), dir,
        owner);
    return dir;
  }

  private static void copy(List<Path> files, Path dir, Optional<UserPrincipal> owner) throws IOException {
    for (Path file : files) {
      Path copy = dir.resolve(file.getFileName());
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
      if (owner.isPresent()) {
        Files.setOwner(copy, owner.get());
      }
    }
  }

  /** The user a Mosquitto we start drops to: {@code mosquitto} (else {@code nobody}) when we are root. */
  private static Optional<UserPrincipal> brokerUser() throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.empty();
    }
    UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
    try {
      return Optional.of(users.lookupPrincipalByName("mosquitto"));
    } catch (UserPrincipalNotFoundException e) {
      return Optional.of(users.lookupPrincipalByName("nobody"));
    }
  }

  private static String replace(Path config, String text, String what, String with) {
    if (!text.contains(what)) {
      throw new IllegalStateException(config + " no longer has '" + what.strip() + "', which the test broker moves:"
          + " update SiteBrokerInstall");
    }
    return text.replace(what, with);
  }
}
