package space.lunarbase.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import space.lunarbase.site.Report.Action;
import space.lunarbase.wire.CommandKeyDerivation;

/** Command keys from provisioning: a ring per controller holding only the keys it needs. */
class CommandKeysTest {

  static final Instant T0 = ProvisionerTest.T0;

  @TempDir Path tmp;

  Report provision(Instant now, String manifest, String... reissue) {
    return provisioner(now).provision(SiteManifest.parse(manifest, "m.yml"), Set.of(reissue));
  }

  Provisioner provisioner(Instant now) {
    return new Provisioner(new SiteFolder(tmp), Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
  }

  @Test
  void each_controller_holds_only_its_own_secrets_and_range_safety_only_where_there_is_a_rail() {
    provision(T0, SiteManifestTest.EXAMPLE);
    Map<String, Map<?, ?>> bank = ring("bank-ctl-1");
    Map<String, Map<?, ?>> rail = ring("rail-ctl-1");
    Map<String, Map<?, ?>> tracker = ring("trk-ctl-1");
    assertThat(bank.keySet()).containsExactly("alice");
    assertThat(tracker.keySet()).containsExactly("alice");
    assertThat(rail.keySet()).containsExactly("alice", "range-safety-1");
    assertThat(rail.get("range-safety-1").get("role")).isEqualTo("range-safety");
    assertThat(rail.get("alice").get("role")).isEqualTo("operator");

    // alice's secret differs per controller: the tracker's copy is worthless on the rail controller
    assertThat(tracker.get("alice").get("secret")).isNotEqualTo(rail.get("alice").get("secret"))
        .isNotEqualTo(bank.get("alice").get("secret"));
    // and each is what lunarctl derives from alice's master for that controller
    byte[] master = HexFormat.of().parseHex(String.valueOf(signer("alice").get("master")));
    assertThat(rail.get("alice").get("secret")).isEqualTo(HexFormat.of().formatHex(
        CommandKeyDerivation.derive(master, "lunar-south", "rail-ctl-1")));
    // a year of validity, starting a day early
    assertThat(((java.util.Date) rail.get("alice").get("not-before")).toInstant()).isEqualTo(T0.minusSeconds(86400));
    assertThat(((java.util.Date) rail.get("alice").get("not-after")).toInstant())
        .isEqualTo(T0.plus(CommandKeys.VALIDITY));
    // nothing but the signer's own bundle holds its master
    assertThat(text(tmp.resolve("bundles/rail-ctl-1/keys.yml"))).doesNotContain("master");
  }

  @Test
  void a_manifest_without_range_safety_gives_every_operator_an_operator_key() {
    provision(T0, SiteManifestTest.EXAMPLE.replace("operators: [ alice ]\nrange-safety: [ range-safety-1 ]",
        "operators: [ alice, range-safety-1 ]"));
    assertThat(ring("trk-ctl-1").keySet()).containsExactly("alice", "range-safety-1");
    assertThat(ring("rail-ctl-1").get("range-safety-1").get("role")).isEqualTo("operator");
  }

  @Test
  void revoking_lists_the_signer_as_revoked_everywhere_and_a_reissue_gives_a_new_master() {
    provision(T0, SiteManifestTest.EXAMPLE);
    String aliceOnRail = String.valueOf(ring("rail-ctl-1").get("alice").get("secret"));

    Report revoked = provisioner(T0.plusSeconds(60)).revoke("alice");
    assertThat(revoked.names(Action.WRITTEN)).contains("bundles/rail-ctl-1/keys.yml");
    assertThat(ring("rail-ctl-1").keySet()).containsExactly("range-safety-1");
    assertThat(text(tmp.resolve("bundles/rail-ctl-1/keys.yml"))).contains("revoked: [alice]");
    // the bank had only alice: its ring holds no key, and says alice is revoked
    assertThat(text(tmp.resolve("bundles/bank-ctl-1/keys.yml"))).contains("keys: []").contains("revoked: [alice]")
        .doesNotContain("id: alice");
    // a rerun does not bring alice back
    provision(T0.plusSeconds(120), SiteManifestTest.EXAMPLE);
    assertThat(ring("rail-ctl-1").keySet()).containsExactly("range-safety-1");

    Report reissued = provision(T0.plusSeconds(180), SiteManifestTest.EXAMPLE, "alice");
    assertThat(reissued.names(Action.REISSUED)).contains("alice", "alice (command key)");
    assertThat(ring("rail-ctl-1").keySet()).containsExactly("alice", "range-safety-1");
    assertThat(ring("rail-ctl-1").get("alice").get("secret")).isNotEqualTo(aliceOnRail);
    assertThat(text(tmp.resolve("bundles/rail-ctl-1/keys.yml"))).doesNotContain("revoked");
  }

  private Map<String, Map<?, ?>> ring(String controller) {
    Map<?, ?> top = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(text(tmp.resolve("bundles").resolve(controller).resolve("keys.yml")));
    Map<String, Map<?, ?>> keys = new java.util.LinkedHashMap<>();
    for (Object entry : (List<?>) top.get("keys")) {
      keys.put(String.valueOf(((Map<?, ?>) entry).get("id")), (Map<?, ?>) entry);
    }
    return keys;
  }

  private Map<?, ?> signer(String name) {
    Map<?, ?> top = new Yaml(new SafeConstructor(new LoaderOptions()))
        .load(text(tmp.resolve("bundles").resolve(name).resolve("command-key.yml")));
    return (Map<?, ?>) ((List<?>) top.get("keys")).getFirst();
  }

  private static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
