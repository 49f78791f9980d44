package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * How lunarctl reaches a broker: the options, their environment variables, the combinations that
 * cannot work (exit 64), TLS and password files that cannot be used (exit 4), and the client id
 * that follows the certificate. The certificate is made by openssl at test time.
 */
class BrokerOptionTest {

  @TempDir
  static Path dir;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
        "-nodes", "-keyout", "alice.key", "-out", "alice.crt", "-days", "2", "-subj", "/CN=alice")
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl failed: " + output);
    }
    Files.writeString(dir.resolve("password"), "s3cret\nignored second line\n");
  }

  @Test
  void optionsWinOverTheEnvironmentAndTheEnvironmentOverTheDefault() {
    Map<String, String> env = Map.of("LUNARBASE_BROKER", "ssl://site-broker:8883", "LUNARBASE_CA", p("alice.crt"),
        "LUNARBASE_CERT", p("alice.crt"), "LUNARBASE_CERT_KEY", p("alice.key"), "LUNARBASE_USERNAME", "bob",
        "LUNARBASE_PASSWORD_FILE", p("password"));

    BrokerSettings fromEnv = parse().settings(env);
    BrokerSettings given = parse("--broker", "tcp://127.0.0.1:1884").settings(Map.of());

    assertThat(fromEnv.url()).isEqualTo("ssl://site-broker:8883");
    assertThat(fromEnv.tls().orElseThrow().caFile()).isEqualTo(dir.resolve("alice.crt"));
    assertThat(fromEnv.tls().orElseThrow().keyFile()).contains(dir.resolve("alice.key"));
    assertThat(fromEnv.username()).contains("bob");
    assertThat(fromEnv.passwordFile()).contains(dir.resolve("password"));
    assertThat(given).isEqualTo(BrokerSettings.plain("tcp://127.0.0.1:1884"));
    assertThat(parse().settings(Map.of("LUNARBASE_CA", " ")).url()).as("blank is unset").isEqualTo("tcp://127.0.0.1:1883");
    assertThat(parse("--broker", "tcp://127.0.0.1:1883").settings(env).tls())
        .as("a console's TLS variables do not stop a plain broker given on the command line").isEmpty();
  }

  @Test
  void withACertificateTheClientIdIsItsCnAndThePasswordIsTheFilesFirstLine() throws Exception {
    BrokerSettings tls = parse("--broker", "ssl://127.0.0.1:8883", "--ca", p("alice.crt"), "--cert", p("alice.crt"),
        "--cert-key", p("alice.key")).settings(Map.of());
    BrokerSettings user = parse("--username", "bob", "--password-file", p("password")).settings(Map.of());

    assertThat(tls.clientId()).isEqualTo("alice");
    assertThat(user.clientId()).matches("lunarctl-[0-9a-f]{8}");
    assertThat(user.password()).hasValueSatisfying(pw -> assertThat(new String(pw)).isEqualTo("s3cret"));
  }

  @Test
  void combinationsThatCannotWorkAreRefused() {
    assertThatThrownBy(() -> parse("--broker", "ssl://127.0.0.1:8883").settings(Map.of()))
        .hasMessage("an ssl:// broker needs --ca FILE (or LUNARBASE_CA): the site CA's certificate, to check the"
            + " broker's");
    assertThatThrownBy(() -> parse("--ca", p("alice.crt")).settings(Map.of()))
        .hasMessage("--ca, --cert and --cert-key are for a TLS broker: use an ssl:// URL, not tcp://127.0.0.1:1883");
    assertThatThrownBy(() -> parse("--broker", "ssl://h:8883", "--ca", p("alice.crt"), "--cert", p("alice.crt"))
        .settings(Map.of())).hasMessageStartingWith("--cert and --cert-key go together");
    assertThatThrownBy(() -> parse("--broker", "tcp://h:1883", "--cert-key", p("alice.key")).settings(Map.of()))
        .hasMessageStartingWith("--ca, --cert and --cert-key are for a TLS broker");
    assertThatThrownBy(() -> parse("--password-file", p("password")).settings(Map.of()))
        .hasMessage("--password-file needs --username (or LUNARBASE_USERNAME)");
  }

  @Test
  void commandsExitSixtyFourForACombinationAndFourForAFileThatCannotBeUsed() throws Exception {
    String url = "ssl://127.0.0.1:" + MosquittoBroker.FreePort.find();
    Run noCa = Run.of("state", "--broker", url);
    Run missingCa = Run.of("state", "--broker", url, "--ca", p("missing.crt"));
    Run keyAsCa = Run.of("watch", "lunarbase/v1/#", "--broker", url, "--ca", p("alice.key"));
    Run missingPassword = Run.of("rebirth", "s/c", "--username", "bob", "--password-file", p("nowhere"));

    assertThat(noCa.exitCode()).isEqualTo(Lunarctl.EXIT_USAGE);
    assertThat(noCa.err()).isEqualTo("lunarctl: cannot connect to " + url + ": an ssl:// broker needs --ca FILE (or"
        + " LUNARBASE_CA): the site CA's certificate, to check the broker's\n");
    assertThat(missingCa.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(missingCa.err()).startsWith("lunarctl: cannot connect to " + url + ": " + p("missing.crt")
        + ": cannot read it");
    assertThat(keyAsCa.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(keyAsCa.err()).contains(p("alice.key") + ": ");
    assertThat(missingPassword.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(missingPassword.err()).contains("cannot read the password file " + p("nowhere"));
    for (Run run : List.of(noCa, missingCa, keyAsCa, missingPassword)) {
      assertThat(run.out()).isEmpty();
    }
  }

  /** The mixin as picocli fills it from {@code args}. */
  private static BrokerOption parse(String... args) {
    @CommandLine.Command(name = "probe")
    final class Probe {
      @CommandLine.Mixin
      BrokerOption broker;
    }
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.broker;
  }

  private static String p(String name) {
    return dir.resolve(name).toString();
  }
}
