package space.lunarbase.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a site folder, as provisioning writes it (folders 0700, files 0600):
 *
 * <pre>
 * state.yml                         what was issued (serials, names, roles, revocations)
 * ca/ca.crt, ca/ca.key              the site CA: the key never leaves this folder
 * broker/                           the broker's bundle, for /etc/mosquitto/lunarbase/:
 *   ca.crt broker.crt broker.key crl.pem acl
 *   earth-bridge.conf bridge.crt bridge.key      a site bridged to Earth: the bridge section and its identity
 * earth/                            the Earth broker's bundle, for its /etc/mosquitto/lunarbase/:
 *   ca.crt broker.crt broker.key crl.pem acl
 * bundles/NAME/                     one per identity, for its board or person:
 *   ca.crt NAME.crt NAME.key        (the key unencrypted PKCS#8 PEM)
 * </pre>
 */
public final class SiteFolder {

  /** The files one identity needs to connect: the CA, its certificate and its key. */
  public record Bundle(Path folder, Path caFile, Path certificateFile, Path keyFile) {}

  /** The files the broker needs: the CA, its certificate and key, the CRL and the ACL. */
  public record BrokerBundle(Path folder, Path caFile, Path certificateFile, Path keyFile, Path crlFile, Path aclFile) {}

  /** What the site broker needs to bridge to Earth: its bridge section and the bridge identity's certificate and key. */
  public record BridgeFiles(Path confFile, Path certificateFile, Path keyFile) {}

  private final Path dir;

  public SiteFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path stateFile() {
    return dir.resolve("state.yml");
  }

  public Path caCertificate() {
    return dir.resolve("ca/ca.crt");
  }

  public Path caKey() {
    return dir.resolve("ca/ca.key");
  }

  public BrokerBundle broker() {
    Path folder = dir.resolve("broker");
    return new BrokerBundle(folder, folder.resolve("ca.crt"), folder.resolve("broker.crt"), folder.resolve("broker.key"),
        folder.resolve("crl.pem"), folder.resolve("acl"));
  }

  /** The Earth broker's bundle: the same files as the site broker's, for the broker on Earth. */
  public BrokerBundle earth() {
    Path folder = dir.resolve("earth");
    return new BrokerBundle(folder, folder.resolve("ca.crt"), folder.resolve("broker.crt"), folder.resolve("broker.key"),
        folder.resolve("crl.pem"), folder.resolve("acl"));
  }

  /** The site broker's bridge to Earth, beside its own files in {@link #broker()}. */
  public BridgeFiles bridge() {
    Path folder = broker().folder();
    return new BridgeFiles(folder.resolve("earth-bridge.conf"), folder.resolve(EarthBridgeConf.CERTIFICATE),
        folder.resolve(EarthBridgeConf.KEY));
  }

  /** The bundle of the identity {@code name} (a controller's id, or a plain name). */
  public Bundle bundle(String name) {
    Path folder = dir.resolve("bundles").resolve(name);
    return new Bundle(folder, folder.resolve("ca.crt"), folder.resolve(name + ".crt"), folder.resolve(name + ".key"));
  }

  /** {@code path} relative to this folder, for messages. */
  String relative(Path path) {
    return dir.relativize(path).toString();
  }

  /** The state, or empty for a folder never provisioned. */
  Optional<SiteState> readState() {
    if (!Files.exists(stateFile())) {
      return Optional.empty();
    }
    return Optional.of(SiteState.parse(new String(SecureFiles.read(stateFile()), StandardCharsets.UTF_8),
        stateFile().toString()));
  }

  void writeState(SiteState state) {
    SecureFiles.write(stateFile(), state.yaml().getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@link #dir} is missing or empty: where a new site may be provisioned. */
  boolean isFresh() {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new SiteException(SiteException.Kind.FOLDER, "cannot list " + dir + " (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
