package space.lunarbase.ground.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import space.lunarbase.ground.cli.Lunarctl;

/** {@code lunarctl site provision} and {@code lunarctl site revoke}, in process, on a temporary folder. */
class SiteCommandTest {

  static final String MANIFEST = """
      site: lunar-south
      broker: { hosts: [localhost, broker.lunar-south.site], ips: [127.0.0.1] }
      controllers: [ { id: bank-ctl-1, families: [bank] }, { id: rail-ctl-1, families: [rail, bank] } ]
      operators: [ alice ]
      observers: [ ground-station ]
      """;

  @TempDir Path tmp;

  record Result(int exit, String out, String err) {}

  static Result lunarctl(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Lunarctl.commandLine(Clock.systemUTC());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  Path manifest(String text) throws Exception {
    Path file = tmp.resolve("site.yml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void provision_prints_what_it_made_then_what_it_kept() throws Exception {
    Path dir = tmp.resolve("lunar-south");
    Result first = lunarctl("site", "provision", manifest(MANIFEST).toString(), "--dir", dir.toString());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("site lunar-south in " + dir + "\n")
        .containsPattern("(?m)^created +ca +ca/ca.crt: CN=lunar-south site CA")
        .containsPattern("(?m)^created +bank-ctl-1 +controller CN=lunar-south.bank-ctl-1 families bank,"
            + " bundle bundles/bank-ctl-1$")
        .containsPattern("(?m)^created +alice +operator CN=alice")
        .containsPattern("(?m)^written +broker/acl +4 identities$")
        .contains("next: install " + dir.resolve("broker") + "/* in /etc/mosquitto/lunarbase/");
    assertThat(dir.resolve("bundles/rail-ctl-1/rail-ctl-1.key")).isRegularFile();

    Result again = lunarctl("site", "provision", manifest(MANIFEST + "bridges: [earth-bridge]\n").toString(),
        "--dir", dir.toString());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).containsPattern("(?m)^kept +bank-ctl-1 ").containsPattern("(?m)^created +earth-bridge ")
        .doesNotContainPattern("(?m)^created +(ca|broker|alice) ");
  }

  @Test
  void a_bad_manifest_exits_4_with_one_line() throws Exception {
    Result result = lunarctl("site", "provision", manifest(MANIFEST.replace("operators", "operator")).toString(),
        "--dir", tmp.resolve("d").toString());
    assertThat(result.exit()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(result.err().strip()).isEqualTo("lunarctl: " + tmp.resolve("site.yml")
        + ": unknown key 'operator' (allowed: site, broker, controllers, operators, range-safety, observers, bridges, earth)");
    assertThat(result.out()).isEmpty();
    assertThat(tmp.resolve("d")).doesNotExist();
  }

  @Test
  void revoke_prints_the_revocation_and_how_to_apply_it() throws Exception {
    Path dir = tmp.resolve("lunar-south");
    assertThat(lunarctl("site", "provision", manifest(MANIFEST).toString(), "--dir", dir.toString()).exit()).isZero();
    Result revoked = lunarctl("site", "revoke", "alice", "--dir", dir.toString());
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(revoked.out()).containsPattern("(?m)^revoked +alice +operator CN=alice, serial [0-9a-f]+$")
        .containsPattern("(?m)^written +broker/crl.pem +CRL number 2, 1 revoked serial\\(s\\)$")
        .containsPattern("(?m)^written +broker/acl +3 identities$")
        .contains("systemctl reload mosquitto");
    assertThat(Files.readString(dir.resolve("broker/acl"))).doesNotContain("user alice");

    Result twice = lunarctl("site", "revoke", "alice", "--dir", dir.toString());
    assertThat(twice.exit()).isZero();
    assertThat(twice.out()).containsPattern("(?m)^still-revoked +alice +was revoked already");
  }

  @Test
  void revoking_a_name_the_site_does_not_hold_exits_64() throws Exception {
    Path dir = tmp.resolve("lunar-south");
    lunarctl("site", "provision", manifest(MANIFEST).toString(), "--dir", dir.toString());
    Result result = lunarctl("site", "revoke", "mallory", "--dir", dir.toString());
    assertThat(result.exit()).isEqualTo(Lunarctl.EXIT_USAGE);
    assertThat(result.err()).startsWith("lunarctl: no identity 'mallory' in " + dir
        + " (it holds bank-ctl-1, rail-ctl-1, alice, ground-station)");
  }

  @Test
  void a_missing_dir_option_is_a_usage_error() throws Exception {
    Result result = lunarctl("site", "provision", manifest(MANIFEST).toString());
    assertThat(result.exit()).isEqualTo(Lunarctl.EXIT_USAGE);
    assertThat(result.err()).contains("Missing required option: '--dir=DIR'");
  }
}
