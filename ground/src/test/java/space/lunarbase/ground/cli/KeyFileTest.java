package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.ground.cli.KeyFile.BadKeyFile;
import space.lunarbase.testkit.MosquittoBroker;

/** The key file as the firmware reads it; a bad one is named with its entry, and send exits 4. */
class KeyFileTest {

  private static final String SECRET = "eb1340b5182c69113fe07e267bd7ff0e05b2c9af6de57e353d36447753a4a207";

  @Test
  void theRepositorysDevelopmentRingLoads() throws Exception {
    KeyFile ring = KeyFile.load(Path.of("../deploy/keys/dev-keys.yml"));

    assertThat(ring.development()).isTrue();
    KeyFile.Key operator = ring.require("dev-operator");
    assertThat(operator.role()).isEqualTo("operator");
    assertThat(HexFormat.of().formatHex(operator.secret())).isEqualTo(SECRET);
    assertThat(operator.toString()).doesNotContain(SECRET.substring(0, 8));
    assertThat(ring.require("dev-range-safety").role()).isEqualTo("range-safety");
  }

  @Test
  void eachProblemIsOneLineNamingTheFileAndTheEntry(@TempDir Path dir) throws Exception {
    String key = "  - {id: ops-a, role: operator, secret: " + SECRET + "}\n";
    assertProblem(dir, "keys: [1, 2", "is not YAML: ");
    assertProblem(dir, "- just a list", "must be a mapping with 'keys' (a list of id, role, secret)");
    assertProblem(dir, "keys:\n" + key + "extra: 1\n", "unknown entry 'extra' (allowed: site, development, keys, revoked)");
    assertProblem(dir, "development: maybe\nkeys:\n" + key, "development must be true or false");
    assertProblem(dir, "keys: []\n", "'keys' must be a non-empty list of id, role, secret");
    assertProblem(dir, "keys:\n  - ops-a\n", "keys[0]: must be a mapping of id, role, secret");
    assertProblem(dir, "keys:\n  - {id: ops-a, role: operator, secret: " + SECRET + ", note: x}\n",
        "keys[0]: unknown entry 'note' (allowed: id, role, secret or master, not-before, not-after)");
    assertProblem(dir, "keys:\n  - {id: ops-a, role: operator}\n",
        "keys[0] (ops-a): give either secret (a ring's) or master (a signer's), not neither");
    assertProblem(dir, "site: s\nkeys:\n  - {id: ops-a, role: operator, secret: " + SECRET + ", master: " + SECRET + "}\n",
        "keys[0] (ops-a): give either secret (a ring's) or master (a signer's), not both");
    assertProblem(dir, "keys:\n  - {id: ops-a, role: operator, master: " + SECRET + "}\n",
        "keys[0] (ops-a): a master needs the file's site");
    assertProblem(dir, "keys:\n  - {id: Ops_A, role: operator, secret: " + SECRET + "}\n",
        "keys[0]: id must be 1 to 64 of a-z, 0-9 and '-'");
    assertProblem(dir, "keys:\n  - {id: ops-a, role: admin, secret: " + SECRET + "}\n",
        "keys[0] (ops-a): role must be operator or range-safety");
    assertProblem(dir, "keys:\n  - {id: ops-a, role: operator, secret: abcd}\n",
        "keys[0] (ops-a): secret must be hex of at least 32 bytes (64 hex digits)");
    assertProblem(dir, "keys:\n  - {id: ops-a, role: operator, secret: " + SECRET.replace('e', 'g') + "}\n",
        "keys[0] (ops-a): secret must be hex of at least 32 bytes (64 hex digits)");
    assertProblem(dir, "keys:\n" + key + key, "keys[1] (ops-a): duplicate id");
  }

  @Test
  void aSignersKeyFromProvisioningSignsWithEachControllersOwnSecret(@TempDir Path dir) throws Exception {
    space.lunarbase.site.Provisioner provisioner = new space.lunarbase.site.Provisioner(dir);
    provisioner.provision(space.lunarbase.site.SiteManifest.parse("""
        site: lunar-south
        broker: { hosts: [localhost] }
        controllers: [ { id: rail-ctl-1, families: [rail] }, { id: trk-ctl-1, families: [tracker] } ]
        operators: [ alice ]
        range-safety: [ rs-1 ]
        """, "m.yml"), java.util.Set.of());
    KeyFile.Key alice = KeyFile.load(dir.resolve("bundles/alice/command-key.yml")).require("alice");
    KeyFile railRing = KeyFile.load(dir.resolve("bundles/rail-ctl-1/keys.yml"));
    KeyFile trackerRing = KeyFile.load(dir.resolve("bundles/trk-ctl-1/keys.yml"));

    assertThat(alice.secretFor("lunar-south", "rail-ctl-1")).isEqualTo(railRing.require("alice").secret());
    assertThat(alice.secretFor("lunar-south", "trk-ctl-1")).isEqualTo(trackerRing.require("alice").secret())
        .isNotEqualTo(railRing.require("alice").secret());
    assertThat(trackerRing.find("rs-1")).as("range safety only where there is a rail").isEmpty();
    assertThat(KeyFile.load(dir.resolve("bundles/rs-1/command-key.yml")).require("rs-1").role())
        .isEqualTo("range-safety");
    assertThatThrownBy(() -> alice.secretFor("lunar-north", "rail-ctl-1"))
        .hasMessage("key alice is for site lunar-south, not lunar-north");
  }

  @Test
  void aMissingFileOrKeyIsNamed(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.yml");
    assertThatThrownBy(() -> KeyFile.load(missing)).isInstanceOf(BadKeyFile.class)
        .hasMessageStartingWith(missing + ": cannot be read (NoSuchFileException");

    Path file = Files.writeString(dir.resolve("keys.yml"), "keys:\n  - {id: ops-a, role: operator, secret: "
        + SECRET + "}\n  - {id: ops-b, role: operator, secret: " + SECRET + "}\n");
    assertThatThrownBy(() -> KeyFile.load(file).require("ops-c")).isInstanceOf(BadKeyFile.class)
        .hasMessage(file + ": no key 'ops-c' (it holds ops-a, ops-b)");
  }

  @Test
  void sendWithABadKeyFileExitsFourBeforeTouchingTheBroker(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("keys.yml"), "keys:\n  - {id: ops-a, role: operator, secret: abcd}\n");
    String nowhere = "tcp://127.0.0.1:" + MosquittoBroker.FreePort.find();

    Run bad = Run.of("send", "hil/sim-1", "core.NOOP", "--key-file", file.toString(), "--key", "ops-a",
        "--broker", nowhere, "--state-dir", dir.resolve("state").toString());
    Run noKey = Run.of("send", "hil/sim-1", "core.NOOP", "--key-file", "../deploy/keys/dev-keys.yml",
        "--key", "ops-a", "--broker", nowhere, "--state-dir", dir.resolve("state").toString());

    assertThat(bad.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).isEqualTo("lunarctl: key file " + file
        + ": keys[0] (ops-a): secret must be hex of at least 32 bytes (64 hex digits)" + System.lineSeparator());
    assertThat(noKey.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(noKey.err()).contains("no key 'ops-a' (it holds dev-operator, dev-range-safety)");
    assertThat(dir.resolve("state")).as("no counter used").doesNotExist();
  }

  private static void assertProblem(Path dir, String yaml, String problem) throws Exception {
    Path file = Files.writeString(dir.resolve("keys.yml"), yaml);
    assertThatThrownBy(() -> KeyFile.load(file)).as(yaml).isInstanceOf(BadKeyFile.class)
        .hasMessageStartingWith(file + ": " + problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
