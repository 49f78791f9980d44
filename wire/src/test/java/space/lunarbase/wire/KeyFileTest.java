package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.wire.KeyFile.Form;
import space.lunarbase.wire.KeyFile.Key;
import space.lunarbase.wire.KeyFile.Problem;

class KeyFileTest {

  private static final String SECRET = "eb1340b5182c69113fe07e267bd7ff0e05b2c9af6de57e353d36447753a4a207";
  private static final String KEY = "  - {id: ops-a, role: operator, secret: " + SECRET + "}\n";

  @Test
  void readsARingWithValidityAndRevokedIds() {
    KeyFile ring = KeyFile.parse("""
        development: true
        keys:
          - id: ops-a
            role: operator
            secret: %s
            not-before: 2026-12-01T00:00:00Z
            not-after: "2027-12-01T00:00:00Z"
          - {id: rso, role: range-safety, secret: %s}
        revoked: [ops-old]
        """.formatted(SECRET, SECRET.toUpperCase(java.util.Locale.ROOT)), Form.RING);

    assertThat(ring.development()).isTrue();
    assertThat(ring.site()).isEmpty();
    assertThat(ring.revoked()).containsExactly("ops-old");
    assertThat(ring.keys()).extracting(Key::id).containsExactly("ops-a", "rso");
    Key ops = ring.find("ops-a").orElseThrow();
    assertThat(ops.secret()).isEqualTo(HexFormat.of().parseHex(SECRET));
    assertThat(ops.notBefore()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(ops.notAfter()).isEqualTo(Instant.parse("2027-12-01T00:00:00Z"));
    assertThat(ring.find("rso").orElseThrow().notAfter()).isEqualTo(Instant.MAX);
    assertThat(ops.toString()).doesNotContain(SECRET);
  }

  @Test
  void whatItWritesItReadsBack() {
    Key ops = new Key("ops-a", "operator", HexFormat.of().parseHex(SECRET), false,
        Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-12-01T00:00:00Z"));
    Key rso = new Key("rso", "range-safety", HexFormat.of().parseHex(SECRET));
    KeyFile ring = new KeyFile(Optional.empty(), false, List.of(ops, rso), Set.of("gone"));
    KeyFile signer = new KeyFile(Optional.of("lunar-south"), false,
        List.of(new Key("alice", "operator", new byte[32], true, Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"))),
        Set.of());
    KeyFile empty = new KeyFile(Optional.empty(), true, List.of(), Set.of("alice", "bob"));

    String text = ring.yaml("a ring\nfor tests");

    assertThat(text).startsWith("# a ring\n# for tests\nkeys:\n  - id: ops-a\n    role: operator\n    secret: " + SECRET
        + "\n    not-before: 2026-12-01T00:00:00Z\n    not-after: 2027-12-01T00:00:00Z\n").endsWith("revoked: [gone]\n");
    assertThat(KeyFile.parse(text, Form.RING)).isEqualTo(ring);
    assertThat(signer.yaml("")).contains("    master: \"" + "0".repeat(64) + "\"\n");
    assertThat(KeyFile.parse(signer.yaml(""), Form.ANY)).isEqualTo(signer);
    assertThat(KeyFile.parse(empty.yaml("x"), Form.RING)).isEqualTo(empty);
    assertThatThrownBy(() -> KeyFile.parse(signer.yaml(""), Form.RING)).isInstanceOf(Problem.class)
        .hasMessage("unknown entry 'site' (allowed: development, keys, revoked)");
  }

  @Test
  void eachProblemNamesTheEntryAtFault() {
    assertProblem(Form.ANY, "keys: [1, 2", "is not YAML: ");
    assertProblem(Form.ANY, "- just a list", "must be a mapping with 'keys' (a list of id, role, secret)");
    assertProblem(Form.ANY, "keys:\n" + KEY + "extra: 1\n", "unknown entry 'extra' (allowed: site, development, keys, revoked)");
    assertProblem(Form.RING, "keys:\n" + KEY + "extra: 1\n", "unknown entry 'extra' (allowed: development, keys, revoked)");
    assertProblem(Form.ANY, "site: Lunar South\nkeys:\n" + KEY, "site must be a site id");
    assertProblem(Form.RING, "development: maybe\nkeys:\n" + KEY, "development must be true or false");
    assertProblem(Form.RING, "keys: []\n", "'keys' must be a non-empty list of id, role, secret");
    assertProblem(Form.RING, "keys:\n  - ops-a\n", "keys[0]: must be a mapping of id, role, secret");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: operator, secret: " + SECRET + ", note: x}\n",
        "keys[0]: unknown entry 'note' (allowed: id, role, secret, not-before, not-after)");
    assertProblem(Form.ANY, "keys:\n  - {id: ops-a, role: operator, secret: " + SECRET + ", note: x}\n",
        "keys[0]: unknown entry 'note' (allowed: id, role, secret or master, not-before, not-after)");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: operator, master: " + SECRET + "}\n",
        "keys[0]: unknown entry 'master'");
    assertProblem(Form.ANY, "keys:\n  - {id: ops-a, role: operator}\n",
        "keys[0] (ops-a): give either secret (a ring's) or master (a signer's), not neither");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: operator}\n",
        "keys[0] (ops-a): secret must be hex of at least 32 bytes (64 hex digits)");
    assertProblem(Form.ANY, "site: s\nkeys:\n  - {id: ops-a, role: operator, secret: " + SECRET + ", master: " + SECRET + "}\n",
        "keys[0] (ops-a): give either secret (a ring's) or master (a signer's), not both");
    assertProblem(Form.ANY, "keys:\n  - {id: ops-a, role: operator, master: " + SECRET + "}\n",
        "keys[0] (ops-a): a master needs the file's site");
    assertProblem(Form.RING, "keys:\n  - {id: Ops_A, role: operator, secret: " + SECRET + "}\n",
        "keys[0]: id must be 1 to 64 of a-z, 0-9 and '-'");
    assertProblem(Form.RING, "keys:\n  - {id: " + "a".repeat(65) + ", role: operator, secret: " + SECRET + "}\n",
        "keys[0]: id must be 1 to 64 of a-z, 0-9 and '-'");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: admin, secret: " + SECRET + "}\n",
        "keys[0] (ops-a): role must be operator or range-safety");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: operator, secret: abcd}\n",
        "keys[0] (ops-a): secret must be hex of at least 32 bytes (64 hex digits)");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: operator, secret: " + SECRET.substring(2) + "}\n",
        "keys[0] (ops-a): secret must be hex of at least 32 bytes (64 hex digits)");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: operator, secret: " + SECRET.replace('e', 'g') + "}\n",
        "keys[0] (ops-a): secret must be hex of at least 32 bytes (64 hex digits)");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: operator, secret: " + SECRET + ", not-after: soon}\n",
        "keys[0] (ops-a): not-after 'soon' is not a UTC time like 2027-01-31T00:00:00Z");
    assertProblem(Form.RING, "keys:\n  - {id: ops-a, role: operator, secret: " + SECRET
        + ", not-before: 2027-01-01T00:00:00Z, not-after: 2026-01-01T00:00:00Z}\n",
        "keys[0] (ops-a): not-before 2027-01-01T00:00:00Z is not before not-after 2026-01-01T00:00:00Z");
    assertProblem(Form.RING, "keys:\n" + KEY + KEY, "keys[1] (ops-a): duplicate id");
    assertProblem(Form.RING, "keys:\n" + KEY + "revoked: ops-b\n", "revoked must be a list of key ids");
    assertProblem(Form.RING, "keys:\n" + KEY + "revoked: [Ops!]\n", "revoked: 'Ops!' is not a key id");
    assertProblem(Form.RING, "keys:\n" + KEY + "revoked: [ops-a]\n",
        "revoked: ops-a is also under keys: a key is either in the ring or revoked");
  }

  @Test
  void hostileYamlIsRefusedNotFollowed() {
    assertProblem(Form.RING, "keys: !!javax.script.ScriptEngineManager [ ]\n", "is not YAML: ");
    String bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nkeys: [*c]\n";
    assertProblem(Form.RING, bomb, "unknown entry 'a'");
  }

  @Test
  void aMissingFileIsAProblemToo(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> KeyFile.read(dir.resolve("none.yml"), Form.RING)).isInstanceOf(Problem.class)
        .hasMessageStartingWith("cannot be read (NoSuchFileException");
    Path file = Files.writeString(dir.resolve("keys.yml"), "keys:\n" + KEY);
    assertThat(KeyFile.read(file, Form.RING).keys()).hasSize(1);
  }

  private static void assertProblem(Form form, String yaml, String problem) {
    assertThatThrownBy(() -> KeyFile.parse(yaml, form)).as(yaml).isInstanceOf(Problem.class)
        .hasMessageStartingWith(problem).hasMessageNotContaining("\n");
  }
}
