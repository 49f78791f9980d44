package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.ground.cli.Lunarctl;
import space.lunarbase.hil.rig.Args;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.hil.rig.Timeline;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.site.SiteFolder;

/**
 * The rig over TLS, as on a site ({@link RigOptions#withSecureBroker()}): the firmware, the rig's
 * operator and observer, and lunarctl beside them each connect with a certificate of the site the
 * rig provisioned, through the site broker's ACL; the firmware's signed acks verify.
 */
class SecureRigTest {

  @RegisterExtension
  final Scenario scenario = Scenario.of("0", "The rig over TLS",
      "Firmware, operator, observer and lunarctl on a site broker: mutual TLS and the site's ACL.");

  @TempDir
  Path state;

  @Test
  void everythingRunsOverTlsWithTheSitesCertificates() {
    Rig rig = scenario.start(RigOptions.defaults().withSecureBroker().bankSamplePeriod("200ms"));
    assertThat(rig.brokerUrl()).startsWith("ssl://127.0.0.1:");
    rig.awaitTelemetry("bank", f -> f.getBank().getQuality() == Quality.QUALITY_GOOD, Rig.TIMEOUT);

    Rig.CommandResult noop = rig.sendAndAwaitAck("core.NOOP", Args.none(), Status.STATUS_COMPLETED);
    assertThat(noop.acks()).allSatisfy(a -> assertThat(a.getMac().size()).isEqualTo(32));

    SiteFolder.Bundle console = rig.site().orElseThrow().bundle(Rig.CONSOLE_IDENTITY);
    List<String> tls = List.of("--broker", rig.brokerUrl(), "--ca", console.caFile().toString(), "--cert",
        console.certificateFile().toString(), "--cert-key", console.keyFile().toString());
    LunarctlRun listed = LunarctlRun.of(with(tls, "state", "hil"));
    LunarctlRun sent = LunarctlRun.of(with(tls, "send", "hil/" + rig.options().controller(), "core.NOOP",
        "--key-file", FirmwareProcess.projectRoot().resolve("deploy/keys/dev-keys.yml").toString(), "--key",
        "dev-operator", "--state-dir", state.toString(), "--timeout", "20s"));

    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.lines()).anyMatch(l -> l.startsWith("hil/rig-1") && l.contains("ONLINE"));
    assertThat(sent.exit()).as(sent.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(sent.lines()).first().isEqualTo("ACCEPTED");
    assertThat(sent.lines()).last().asString().startsWith("COMPLETED");
    assertThat(rig.awaitState(Timeline.Mark.BEGINNING, s -> s.getStatus() == ControllerState.Status.STATUS_ONLINE,
        "the birth", Rig.TIMEOUT).getBootCount()).isEqualTo(rig.boot());
  }

  private static String[] with(List<String> tls, String... args) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(args), tls.stream()).toArray(String[]::new);
  }
}
