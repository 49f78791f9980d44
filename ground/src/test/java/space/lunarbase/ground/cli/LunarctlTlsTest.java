package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static space.lunarbase.ground.cli.TestOperator.KEYS;
import static space.lunarbase.ground.cli.TestOperator.ack;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.TestSite;

/**
 * lunarctl against a site broker (deploy/mosquitto/site.conf: mutual TLS, the site's ACL), as the
 * operator {@code alice} with her bundle, while the test plays the controller
 * {@code lunar-south/bank-ctl-1} with its own: state, watch and send work; a broker certificate of
 * another CA, and a client without a certificate, are refused with a line that says which.
 */
class LunarctlTlsTest {

  private static final Instant T0 = Instant.parse("2026-11-30T03:40:00Z");

  @TempDir
  static Path state;

  private static TestSite site;
  private static MosquittoBroker broker;
  private static Wire controller;

  @BeforeAll
  static void startSiteBroker() throws Exception {
    site = TestSite.provision();
    broker = MosquittoBroker.startSecure(site);
    controller = new Wire(broker.url(), Optional.of(site.tls("bank-ctl-1")), "lunar-south", "bank-ctl-1");
    controller.announce(3, T0);
  }

  @AfterAll
  static void stop() throws Exception {
    if (controller != null) {
      controller.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void stateListsTheControllerOverTls() throws Exception {
    Run listed = Run.of(as("alice", "state", "lunar-south", "--timeout", "3s"));

    assertThat(listed.exitCode()).as(listed.err()).isZero();
    assertThat(listed.lines()).hasSize(2);
    assertThat(listed.lines().get(1)).startsWith("lunar-south/bank-ctl-1").contains("ONLINE")
        .contains(Schema.hash().substring(0, 12));
  }

  @Test
  void watchDecodesWithTheVerifiedSchemaOverTls() throws Exception {
    Run watch = Run.start(Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC),
        as("ground-station", "watch", "lunarbase/v1/lunar-south/#", "--count", "2", "--timeout", "10s"));

    assertThat(watch.exitCode()).as(watch.err()).isZero();
    assertThat(watch.lines()).containsExactly(
        "2026-11-30T03:40:05.000Z lunar-south/bank-ctl-1 schema " + Schema.hash().substring(0, 12) + " ("
            + Schema.descriptorSet().getFileCount() + " files, "
            + WireSchema.fromDescriptorSet(Schema.descriptorSet().toByteArray()).messageTypes()
            + " message types) (retained)",
        "2026-11-30T03:40:00.000Z lunar-south/bank-ctl-1 state ONLINE boot 3 fw 0.1.0 schema v1 (retained)");
    assertThat(watch.err()).isEmpty();
  }

  @Test
  void sendGetsTheControllersSignedAckOverTls() throws Exception {
    BlockingQueue<byte[]> cmd = controller.subscribe("cmd");
    Run send = Run.start(as("alice", "send", "lunar-south/bank-ctl-1", "core.NOOP", "--key-file", KEYS, "--key",
        "dev-operator", "--state-dir", state.toString(), "--timeout", "10s"));
    byte[] received = cmd.poll(10, TimeUnit.SECONDS);
    assertThat(received).as("the command reached the controller: " + send.err()).isNotNull();
    CommandBody body = CommandBody.parseFrom(SignedCommand.parseFrom(received).getBody());
    controller.publish("ack", ack(body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "").toByteArray(), false);
    controller.publish("ack", ack(body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "noop").toByteArray(), false);

    assertThat(send.exitCode()).as(send.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(send.lines()).containsExactly("ACCEPTED", "COMPLETED: noop");
  }

  @Test
  void aBrokerCertificateOfAnotherCaIsRefusedWithALineThatSaysSo() throws Exception {
    SiteFolder.Bundle stranger = TestSite.provision().bundle("alice");
    Run state = Run.of("state", "--broker", broker.url(), "--ca", stranger.caFile().toString(),
        "--cert", stranger.certificateFile().toString(), "--cert-key", stranger.keyFile().toString());

    assertThat(state.exitCode()).isEqualTo(Lunarctl.EXIT_BROKER);
    assertThat(state.out()).isEmpty();
    assertThat(state.err()).startsWith("lunarctl: cannot connect to " + broker.url() + ": the broker's certificate is"
        + " not signed by the CA in " + stranger.caFile() + " (TLS: ");
  }

  @Test
  void aClientWithoutACertificateIsRefusedWithALineThatSaysSo() throws Exception {
    Run state = Run.of("state", "--broker", broker.url(), "--ca", site.folder().caCertificate().toString(),
        "--timeout", "5s");

    assertThat(state.exitCode()).isEqualTo(Lunarctl.EXIT_BROKER);
    assertThat(state.err()).startsWith("lunarctl: cannot connect to " + broker.url() + ": the broker refused the"
        + " connection without a client certificate (give --cert and --cert-key)");
  }

  /** {@code lunarctl <args> --broker ssl://... --ca --cert --cert-key} with the bundle of {@code identity}. */
  private static String[] as(String identity, String... args) {
    SiteFolder.Bundle bundle = site.bundle(identity);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--broker", broker.url(), "--ca", bundle.caFile().toString(), "--cert",
        bundle.certificateFile().toString(), "--cert-key", bundle.keyFile().toString()));
    return all.toArray(String[]::new);
  }
}
