package space.lunarbase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import space.lunarbase.site.Identity;
import space.lunarbase.site.Provisioner;
import space.lunarbase.site.Report;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.site.SiteManifest;
import space.lunarbase.wire.TlsFiles;
import space.lunarbase.wire.Topics;

/**
 * A secure site provisioned for a test in a folder of its own: its CA, the broker's files and a
 * bundle per identity, exactly as {@code lunarctl site provision} makes them. Start a broker for it
 * with {@link MosquittoBroker#startSecure(TestSite)}; connect as an identity with {@link #tls}.
 *
 * <p>{@link #MANIFEST} is the usual test site: controllers {@code bank-ctl-1}, {@code rail-ctl-1},
 * {@code trk-ctl-1} of site {@code lunar-south}, operators {@code alice} and {@code range-safety-1},
 * observer {@code ground-station}, bridge {@code earth-bridge}; the broker answers to
 * {@code localhost} and {@code 127.0.0.1}.
 */
public final class TestSite {

  /** The site id of {@link #MANIFEST}. */
  public static final String SITE = "lunar-south";

  /** The usual test site. */
  public static final String MANIFEST = """
      site: lunar-south
      broker: { hosts: [localhost], ips: [127.0.0.1] }
      controllers:
        - { id: bank-ctl-1, families: [bank] }
        - { id: rail-ctl-1, families: [rail, bank] }
        - { id: trk-ctl-1, families: [tracker] }
      operators: [alice, range-safety-1]
      observers: [ground-station]
      bridges: [earth-bridge]
      """;

  private final Provisioner provisioner;
  private SiteManifest manifest;

  private TestSite(Provisioner provisioner, SiteManifest manifest) {
    this.provisioner = provisioner;
    this.manifest = manifest;
  }

  /** Provisions {@link #MANIFEST} in a new temporary folder. */
  public static TestSite provision() {
    return provision(MANIFEST);
  }

  /** Provisions {@code manifestYaml} in a new temporary folder. */
  public static TestSite provision(String manifestYaml) {
    try {
      return provision(Files.createTempDirectory("site-").resolve("site"), manifestYaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for a test site", e);
    }
  }

  /** Provisions {@code manifestYaml} in {@code dir} (missing or empty). */
  public static TestSite provision(Path dir, String manifestYaml) {
    Provisioner provisioner = new Provisioner(new SiteFolder(dir), Clock.systemUTC(), new SecureRandom());
    SiteManifest manifest = SiteManifest.parse(manifestYaml, "test manifest");
    provisioner.provision(manifest, Set.of());
    return new TestSite(provisioner, manifest);
  }

  /** Provisions again from a grown or changed manifest, as a rerun of {@code lunarctl site provision} does. */
  public Report reprovision(String manifestYaml) {
    SiteManifest grown = SiteManifest.parse(manifestYaml, "test manifest");
    Report report = provisioner.provision(grown, Set.of());
    manifest = grown;
    return report;
  }

  /**
   * Revokes {@code name} in the site folder (CRL and ACL). A running broker learns of it at
   * {@link MosquittoBroker#reload()} or {@link MosquittoBroker#restart()}.
   */
  public Report revoke(String name) {
    return provisioner.revoke(name);
  }

  /** The site id. */
  public String site() {
    return manifest.site();
  }

  public SiteManifest manifest() {
    return manifest;
  }

  /** The site folder (state, CA, broker files, bundles). */
  public SiteFolder folder() {
    return provisioner.folder();
  }

  /** The bundle (CA, certificate, key) of the identity {@code name}: a controller's id or a plain name. */
  public SiteFolder.Bundle bundle(String name) {
    identity(name);
    return folder().bundle(name);
  }

  /** The TLS files {@code name} connects with. */
  public TlsFiles tls(String name) {
    SiteFolder.Bundle bundle = bundle(name);
    return TlsFiles.withClientCertificate(bundle.caFile(), bundle.certificateFile(), bundle.keyFile());
  }

  /** The site CA alone: a client that checks the broker but offers no certificate. */
  public TlsFiles trustOnly() {
    return TlsFiles.trustOnly(folder().caCertificate());
  }

  /**
   * The identity {@code name} (its CN is the broker's username and client id for it, e.g.
   * {@code lunar-south.bank-ctl-1} for {@code bank-ctl-1}).
   */
  public Identity identity(String name) {
    return manifest.identities().stream().filter(i -> i.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the test site has no identity '" + name + "'"));
  }

  /** {@code lunarbase/v1/{site}/{controller}/}. */
  public String prefix(String controller) {
    return Topics.prefix(site(), controller);
  }
}
