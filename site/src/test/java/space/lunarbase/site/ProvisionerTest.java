package space.lunarbase.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.site.Report.Action;

class ProvisionerTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final String MANIFEST = SiteManifestTest.EXAMPLE;
  static final String GROWN = MANIFEST + "bridges: [earth-bridge]\n";

  @TempDir Path tmp;

  Path dir() {
    return tmp.resolve("site");
  }

  Provisioner at(Instant now) {
    return new Provisioner(new SiteFolder(dir()), Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
  }

  Report provision(Instant now, String manifest, String... reissue) {
    return at(now).provision(SiteManifest.parse(manifest, "m.yml"), Set.of(reissue));
  }

  SiteFolder folder() {
    return new SiteFolder(dir());
  }

  @Test
  void the_first_run_makes_the_ca_the_broker_and_a_bundle_per_identity() throws Exception {
    Report report = provision(T0, MANIFEST);
    assertThat(report.names(Action.CREATED)).containsExactly("ca", "broker", "bank-ctl-1", "rail-ctl-1", "trk-ctl-1",
        "alice", "range-safety-1", "ground-station", "alice (command key)", "range-safety-1 (command key)");
    assertThat(report.names(Action.WRITTEN)).containsExactly("bundles/bank-ctl-1/keys.yml",
        "bundles/rail-ctl-1/keys.yml", "bundles/trk-ctl-1/keys.yml", "broker/crl.pem", "broker/acl");

    X509Certificate ca = certificate(folder().caCertificate());
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=lunar-south site CA");
    assertThat(ca.getBasicConstraints()).isEqualTo(0);
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(ca.getNotAfter().toInstant()).isAfter(T0.plusSeconds(29L * 365 * 86400));
    ca.verify(ca.getPublicKey());

    SiteFolder.Bundle bank = folder().bundle("bank-ctl-1");
    X509Certificate cert = certificate(bank.certificateFile());
    cert.verify(ca.getPublicKey());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=lunar-south.bank-ctl-1");
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getNotBefore().toInstant()).isBefore(T0);
    assertThat(Files.readAllBytes(bank.caFile())).isEqualTo(Files.readAllBytes(folder().caCertificate()));
    assertThat(Files.readString(bank.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertKeyMatches(privateKey(bank.keyFile()), cert);
    assertThat(certificate(folder().bundle("alice").certificateFile()).getSubjectX500Principal().getName())
        .isEqualTo("CN=alice");

    X509Certificate broker = certificate(folder().broker().certificateFile());
    broker.verify(ca.getPublicKey());
    assertThat(broker.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(broker.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
        List.of(2, "localhost"), List.of(2, "broker.lunar-south.site"), List.of(7, "127.0.0.1"));
    assertKeyMatches(privateKey(folder().broker().keyFile()), broker);

    X509CRL crl = crl();
    crl.verify(ca.getPublicKey());
    assertThat(crl.getRevokedCertificates()).isNull();
    assertThat(crl.getNextUpdate()).isEqualTo(ca.getNotAfter());

    String acl = Files.readString(folder().broker().aclFile());
    assertThat(acl).contains("user lunar-south.bank-ctl-1\n", "user alice\n", "user ground-station\n");
  }

  @Test
  void every_folder_is_0700_and_every_file_0600() throws IOException {
    provision(T0, MANIFEST);
    try (Stream<Path> all = Files.walk(dir())) {
      for (Path path : all.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        assertThat(mode).as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
      }
    }
  }

  @Test
  void a_rerun_with_the_same_manifest_keeps_every_file_byte_for_byte() throws IOException {
    provision(T0, MANIFEST);
    Map<Path, byte[]> before = snapshot();
    Report again = provision(T0.plusSeconds(3600), MANIFEST);
    assertThat(again.names(Action.KEPT)).containsExactly("ca", "broker", "bank-ctl-1", "rail-ctl-1", "trk-ctl-1",
        "alice", "range-safety-1", "ground-station", "alice (command key)", "range-safety-1 (command key)");
    assertThat(again.of(Action.CREATED)).isEmpty();
    assertThat(again.of(Action.WRITTEN)).isEmpty();
    assertSameFiles(before, snapshot());
  }

  static final String EARTH = MANIFEST + "earth: { broker: { hosts: [earth.example.org] }, bridge: moon-bridge }\n";

  @Test
  void an_earth_side_gets_its_broker_its_acl_and_the_site_brokers_bridge_section() throws Exception {
    Report report = provision(T0, EARTH);
    assertThat(report.names(Action.CREATED)).contains("earth", "moon-bridge");
    assertThat(report.names(Action.WRITTEN)).contains("broker/earth-bridge.conf", "earth/crl.pem", "earth/acl");

    X509Certificate ca = certificate(folder().caCertificate());
    SiteFolder.BrokerBundle earth = folder().earth();
    X509Certificate broker = certificate(earth.certificateFile());
    broker.verify(ca.getPublicKey());
    assertThat(broker.getSubjectX500Principal().getName()).isEqualTo("CN=lunar-south earth broker");
    assertThat(broker.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(broker.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
        .containsExactly("earth.example.org");
    assertKeyMatches(privateKey(earth.keyFile()), broker);
    assertThat(Files.readAllBytes(earth.crlFile())).isEqualTo(Files.readAllBytes(folder().broker().crlFile()));

    String acl = Files.readString(earth.aclFile());
    assertThat(acl).contains("""
        # the site broker's bridge moon-bridge
        user moon-bridge
        topic write lunarbase/v1/lunar-south/+/state
        """).contains("""
        topic read lunarbase/v1/lunar-south/+/cmd
        topic read lunarbase/v1/lunar-south/+/rebirth
        """).contains("""
        # operator alice
        user alice
        topic read lunarbase/v1/#
        topic write lunarbase/v1/lunar-south/+/cmd
        topic write lunarbase/v1/lunar-south/+/rebirth
        """).contains("""
        # observer ground-station
        user ground-station
        topic read lunarbase/v1/#

        """).doesNotContain("user lunar-south.bank-ctl-1");

    SiteFolder.BridgeFiles bridge = folder().bridge();
    assertThat(Files.readAllBytes(bridge.certificateFile()))
        .isEqualTo(Files.readAllBytes(folder().bundle("moon-bridge").certificateFile()));
    assertThat(Files.readAllBytes(bridge.keyFile())).isEqualTo(Files.readAllBytes(folder().bundle("moon-bridge").keyFile()));
    assertThat(Files.readString(bridge.confFile())).contains("connection earth\naddress earth.example.org:8883\n",
        "remote_clientid moon-bridge\n", "local_username moon-bridge\n", "cleansession false\n",
        "bridge_certfile /etc/mosquitto/lunarbase/bridge.crt\n", "topic lunarbase/v1/lunar-south/+/tlm/# out 1\n",
        "topic lunarbase/v1/lunar-south/+/cmd in 1\n", "topic lunarbase/v1/lunar-south/+/rebirth in 1\n");
    assertThat(Files.getPosixFilePermissions(bridge.keyFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    Map<Path, byte[]> before = snapshot();
    Report again = provision(T0.plusSeconds(60), EARTH);
    assertThat(again.names(Action.KEPT)).contains("earth", "moon-bridge");
    assertThat(again.names(Action.WRITTEN)).isEmpty();
    assertSameFiles(before, snapshot());

    provision(T0.plusSeconds(120), EARTH.replace("earth.example.org", "earth2.example.org"));
    assertThat(certificate(earth.certificateFile()).getSerialNumber()).isNotEqualTo(broker.getSerialNumber());
    X509CRL crl = crl(earth.crlFile());
    assertThat(crl.getRevokedCertificate(broker.getSerialNumber())).as("the old Earth certificate").isNotNull();
    assertThat(Files.readString(bridge.confFile())).contains("address earth2.example.org:8883\n");

    at(T0.plusSeconds(180)).revoke("alice");
    assertThat(Files.readString(earth.aclFile())).doesNotContain("user alice");
  }

  @Test
  void a_grown_manifest_adds_the_new_identity_and_leaves_the_rest() throws IOException {
    provision(T0, MANIFEST);
    Map<Path, byte[]> before = snapshot();
    Report grown = provision(T0.plusSeconds(60), GROWN);
    assertThat(grown.names(Action.CREATED)).containsExactly("earth-bridge");
    assertThat(grown.names(Action.WRITTEN)).containsExactly("broker/acl");
    Map<Path, byte[]> after = snapshot();
    for (Map.Entry<Path, byte[]> file : before.entrySet()) {
      if (!file.getKey().endsWith("acl") && !file.getKey().endsWith("state.yml")) {
        assertThat(after.get(file.getKey())).as(file.getKey().toString()).isEqualTo(file.getValue());
      }
    }
    assertThat(Files.readString(folder().broker().aclFile())).contains("""
        # bridge earth-bridge
        user earth-bridge
        topic read lunarbase/v1/#
        topic write lunarbase/v1/+/+/cmd
        topic write lunarbase/v1/+/+/rebirth
        """);
    assertThat(Files.exists(folder().bundle("earth-bridge").keyFile())).isTrue();
  }

  @Test
  void the_acl_grants_each_role_exactly_its_topics() throws IOException {
    provision(T0, GROWN);
    String acl = Files.readString(folder().broker().aclFile());
    assertThat(acl).contains("""
        # controller rail-ctl-1
        user lunar-south.rail-ctl-1
        topic write lunarbase/v1/lunar-south/rail-ctl-1/state
        topic write lunarbase/v1/lunar-south/rail-ctl-1/schema
        topic write lunarbase/v1/lunar-south/rail-ctl-1/dictionary
        topic write lunarbase/v1/lunar-south/rail-ctl-1/tlm/#
        topic write lunarbase/v1/lunar-south/rail-ctl-1/evt
        topic write lunarbase/v1/lunar-south/rail-ctl-1/ack
        topic read lunarbase/v1/lunar-south/rail-ctl-1/cmd
        topic read lunarbase/v1/lunar-south/rail-ctl-1/rebirth
        topic readwrite lunarbase/probe/lunar-south.rail-ctl-1

        """, """
        # operator alice
        user alice
        topic read lunarbase/v1/#
        topic write lunarbase/v1/+/+/cmd
        topic write lunarbase/v1/+/+/rebirth

        """, """
        # observer ground-station
        user ground-station
        topic read lunarbase/v1/#

        """);
    assertThat(acl.lines().filter(l -> l.startsWith("user "))).hasSize(7);
    assertThat(acl.lines().filter(l -> !l.isBlank() && !l.startsWith("#")))
        .allMatch(l -> l.startsWith("user ") || l.startsWith("topic read ") || l.startsWith("topic write ")
            || l.startsWith("topic readwrite lunarbase/probe/lunar-south."));
    assertThat(acl).doesNotContain("pattern", "$SYS");
  }

  @Test
  void revoking_puts_the_serial_in_a_new_crl_and_takes_the_identity_out_of_the_acl() throws Exception {
    provision(T0, MANIFEST);
    X509Certificate alice = certificate(folder().bundle("alice").certificateFile());
    X509Certificate bob = certificate(folder().bundle("range-safety-1").certificateFile());
    BigInteger firstNumber = crlNumber(crl());

    Report report = at(T0.plusSeconds(10)).revoke("alice");
    assertThat(report.names(Action.REVOKED)).containsExactly("alice");
    assertThat(report.names(Action.WRITTEN)).containsExactly("bundles/bank-ctl-1/keys.yml",
        "bundles/rail-ctl-1/keys.yml", "bundles/trk-ctl-1/keys.yml", "broker/crl.pem", "broker/acl");
    X509CRL crl = crl();
    crl.verify(certificate(folder().caCertificate()).getPublicKey());
    assertThat(crl.isRevoked(alice)).isTrue();
    assertThat(crl.isRevoked(bob)).isFalse();
    assertThat(crlNumber(crl)).isEqualTo(firstNumber.add(BigInteger.ONE));
    assertThat(crl.getThisUpdate().toInstant()).isEqualTo(T0.plusSeconds(10));
    assertThat(Files.readString(folder().broker().aclFile())).doesNotContain("user alice\n")
        .contains("user range-safety-1\n");
    assertThat(Files.readString(folder().stateFile())).contains("name: alice\n    role: operator");
  }

  @Test
  void a_revoked_identity_found_by_its_cn_stays_revoked_on_a_rerun_until_it_is_reissued() throws Exception {
    provision(T0, MANIFEST);
    X509Certificate old = certificate(folder().bundle("bank-ctl-1").certificateFile());
    assertThat(at(T0.plusSeconds(5)).revoke("lunar-south.bank-ctl-1").names(Action.REVOKED))
        .containsExactly("bank-ctl-1");
    byte[] crlAfterRevoke = Files.readAllBytes(folder().broker().crlFile());

    Report rerun = provision(T0.plusSeconds(10), MANIFEST);
    assertThat(rerun.names(Action.STILL_REVOKED)).containsExactly("bank-ctl-1");
    assertThat(rerun.of(Action.STILL_REVOKED).getFirst().detail()).contains("--reissue bank-ctl-1");
    assertThat(Files.readAllBytes(folder().broker().crlFile())).isEqualTo(crlAfterRevoke);
    assertThat(Files.readString(folder().broker().aclFile())).doesNotContain("lunar-south.bank-ctl-1");

    Report reissued = provision(T0.plusSeconds(20), MANIFEST, "bank-ctl-1");
    assertThat(reissued.names(Action.REISSUED)).containsExactly("bank-ctl-1");
    X509Certificate fresh = certificate(folder().bundle("bank-ctl-1").certificateFile());
    assertThat(fresh.getSerialNumber()).isNotEqualTo(old.getSerialNumber());
    assertKeyMatches(privateKey(folder().bundle("bank-ctl-1").keyFile()), fresh);
    assertThat(crl().isRevoked(old)).isTrue();
    assertThat(crl().isRevoked(fresh)).isFalse();
    assertThat(Files.readString(folder().broker().aclFile())).contains("user lunar-south.bank-ctl-1\n");
  }

  @Test
  void reissuing_a_valid_identity_revokes_its_old_certificate_as_superseded() throws Exception {
    provision(T0, MANIFEST);
    X509Certificate old = certificate(folder().bundle("alice").certificateFile());
    provision(T0.plusSeconds(5), MANIFEST, "alice");
    assertThat(crl().getRevokedCertificate(old.getSerialNumber()).getRevocationReason())
        .hasToString("SUPERSEDED");
    assertThat(Files.readString(folder().broker().aclFile())).contains("user alice\n");
  }

  @Test
  void crls_written_within_one_second_are_issued_a_second_apart() throws Exception {
    provision(T0, MANIFEST);
    Instant first = crl().getThisUpdate().toInstant();
    at(T0).revoke("alice");
    Instant second = crl().getThisUpdate().toInstant();
    at(T0).revoke("ground-station");
    Instant third = crl().getThisUpdate().toInstant();
    assertThat(List.of(first, second, third)).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2));
  }

  @Test
  void revoking_twice_says_so_and_changes_nothing() throws IOException {
    provision(T0, MANIFEST);
    at(T0.plusSeconds(1)).revoke("alice");
    Map<Path, byte[]> before = snapshot();
    assertThat(at(T0.plusSeconds(2)).revoke("alice").names(Action.STILL_REVOKED)).containsExactly("alice");
    assertSameFiles(before, snapshot());
  }

  @Test
  void revoking_an_unknown_name_lists_the_names_the_site_holds() {
    provision(T0, MANIFEST);
    assertThatThrownBy(() -> at(T0).revoke("mallory"))
        .isInstanceOf(SiteException.class)
        .hasMessage("no identity 'mallory' in " + dir() + " (it holds bank-ctl-1, rail-ctl-1, trk-ctl-1, alice,"
            + " range-safety-1, ground-station)")
        .satisfies(e -> assertThat(((SiteException) e).kind()).isEqualTo(SiteException.Kind.UNKNOWN_NAME));
  }

  @Test
  void an_identity_left_out_of_the_manifest_stays_valid_and_is_reported() throws IOException {
    provision(T0, GROWN);
    Report report = provision(T0.plusSeconds(1), MANIFEST);
    assertThat(report.names(Action.UNLISTED)).containsExactly("earth-bridge");
    assertThat(report.of(Action.UNLISTED).getFirst().detail()).contains("lunarctl site revoke earth-bridge");
    assertThat(Files.readString(folder().broker().aclFile())).contains("user earth-bridge\n");
  }

  @Test
  void a_role_change_among_plain_names_changes_the_acl_and_keeps_the_certificate() throws IOException {
    provision(T0, MANIFEST);
    byte[] cert = Files.readAllBytes(folder().bundle("alice").certificateFile());
    Report report = provision(T0.plusSeconds(1), MANIFEST.replace("operators: [ alice ]",
        "operators: [ ]").replace("observers: [ ground-station ]", "observers: [ ground-station, alice ]"));
    assertThat(report.names(Action.CHANGED)).containsExactly("alice");
    // an observer holds no command key: the rings drop alice's
    assertThat(Files.readString(folder().bundle("rail-ctl-1").folder().resolve("keys.yml")))
        .doesNotContain("id: alice").contains("id: range-safety-1");
    assertThat(Files.readAllBytes(folder().bundle("alice").certificateFile())).isEqualTo(cert);
    assertThat(Files.readString(folder().broker().aclFile())).contains("""
        # observer alice
        user alice
        topic read lunarbase/v1/#

        """);
  }

  @Test
  void a_controller_cannot_become_a_plain_name() {
    provision(T0, MANIFEST);
    String changed = MANIFEST.replace("{ id: trk-ctl-1, families: [tracker] } ]", "]")
        .replace("observers: [ ground-station ]", "observers: [ ground-station, trk-ctl-1 ]");
    assertThatThrownBy(() -> provision(T0, changed))
        .hasMessageStartingWith("'trk-ctl-1' was issued as controller (CN lunar-south.trk-ctl-1); the manifest makes it"
            + " observer");
  }

  @Test
  void new_broker_names_reissue_the_broker_certificate_and_supersede_the_old_one() throws Exception {
    provision(T0, MANIFEST);
    X509Certificate old = certificate(folder().broker().certificateFile());
    byte[] alice = Files.readAllBytes(folder().bundle("alice").certificateFile());
    Report report = provision(T0.plusSeconds(1), MANIFEST.replace("ips: [127.0.0.1]", "ips: [127.0.0.1, 10.1.0.2]"));
    assertThat(report.names(Action.REISSUED)).containsExactly("broker");
    assertThat(certificate(folder().broker().certificateFile()).getSubjectAlternativeNames())
        .contains(List.of(7, "10.1.0.2"));
    assertThat(crl().isRevoked(old)).isTrue();
    assertThat(Files.readAllBytes(folder().bundle("alice").certificateFile())).isEqualTo(alice);
  }

  @Test
  void reissuing_a_name_the_manifest_does_not_list_is_refused() {
    provision(T0, MANIFEST);
    assertThatThrownBy(() -> provision(T0, MANIFEST, "mallory"))
        .hasMessage("cannot reissue 'mallory': the manifest does not list it");
  }

  @Test
  void a_folder_of_another_site_or_with_foreign_files_is_refused() throws IOException {
    provision(T0, MANIFEST);
    assertThatThrownBy(() -> provision(T0, MANIFEST.replace("site: lunar-south", "site: lunar-north")))
        .hasMessage(dir() + " holds site 'lunar-south'; the manifest is for 'lunar-north'");

    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("notes.txt"), "mine");
    Provisioner provisioner = new Provisioner(new SiteFolder(other), Clock.systemUTC(), new SecureRandom());
    assertThatThrownBy(() -> provisioner.provision(SiteManifest.parse(MANIFEST, "m"), Set.of()))
        .hasMessage(other + " is not empty and holds no state.yml: provision a new site into an empty or new folder");
  }

  @Test
  void a_bundle_that_lost_its_key_is_named() throws IOException {
    provision(T0, MANIFEST);
    Files.delete(folder().bundle("rail-ctl-1").keyFile());
    assertThatThrownBy(() -> provision(T0, MANIFEST))
        .hasMessage("bundles/rail-ctl-1 is incomplete (rail-ctl-1.key is missing): put it back, or give it a new key"
            + " with --reissue rail-ctl-1");
  }

  @Test
  void revoking_in_a_folder_never_provisioned_says_so() {
    assertThatThrownBy(() -> at(T0).revoke("alice"))
        .hasMessage(dir() + " holds no site (no state.yml): provision it first");
  }

  private Map<Path, byte[]> snapshot() throws IOException {
    Map<Path, byte[]> files = new HashMap<>();
    try (Stream<Path> all = Files.walk(dir())) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        files.put(dir().relativize(file), Files.readAllBytes(file));
      }
    }
    return files;
  }

  private static void assertSameFiles(Map<Path, byte[]> before, Map<Path, byte[]> after) {
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach((file, bytes) -> assertThat(after.get(file)).as(file.toString()).isEqualTo(bytes));
  }

  private X509CRL crl() throws Exception {
    return crl(folder().broker().crlFile());
  }

  private static X509CRL crl(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    }
  }

  private static BigInteger crlNumber(X509CRL crl) {
    byte[] ext = crl.getExtensionValue("2.5.29.20");
    // OCTET STRING { INTEGER n }: the integer's content bytes follow 4 header bytes
    return new BigInteger(java.util.Arrays.copyOfRange(ext, 4, ext.length));
  }

  private static X509Certificate certificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(Path file) throws Exception {
    String pem = Files.readString(file).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
  }

  private static void assertKeyMatches(PrivateKey key, X509Certificate cert) throws Exception {
    byte[] data = "lunarbase".getBytes();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(cert.getPublicKey());
    verifier.update(data);
    assertThat(verifier.verify(signature)).as("the key matches its certificate").isTrue();
  }
}
