package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static space.lunarbase.ground.cli.TestOperator.CMD;
import static space.lunarbase.ground.cli.TestOperator.KEYS;
import static space.lunarbase.ground.cli.TestOperator.OPERATOR_SECRET;
import static space.lunarbase.ground.cli.TestOperator.ack;
import static space.lunarbase.ground.cli.TestOperator.unsigned;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.Value;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.wire.AckSignature;
import space.lunarbase.wire.CommandSignature;

/**
 * {@code lunarctl send} against a real broker, with the test as the controller: it reads the
 * SignedCommand from {@code cmd} and answers on {@code ack} with the acks each case needs, signed as
 * the controller signs them ({@link AckSignature}), and as an attacker on the broker would forge them.
 */
class SendCommandTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @TempDir
  Path state;

  @Test
  void publishesASignedBodyAndEndsWithZeroOnCompleted() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Instant before = Instant.now();
      Run send = send("bank.SET_CHARGE_CURRENT", "amps=2.5", "mode:text=3", "--expires", "45s");

      var received = controller.awaitCount(CMD, 1, Duration.ofSeconds(10)).getFirst();
      SignedCommand signed = SignedCommand.parseFrom(received.payload());
      CommandBody body = CommandBody.parseFrom(signed.getBody());
      assertThat(received.qos()).isEqualTo(1);
      assertThat(received.retained()).isFalse();
      assertThat(signed.getKeyId()).isEqualTo("dev-operator");
      assertThat(signed.getMac().toByteArray())
          .isEqualTo(CommandSignature.mac(OPERATOR_SECRET, signed.getBody().toByteArray()));
      assertThat(body.getSiteId()).isEqualTo("lunar-south");
      assertThat(body.getControllerId()).isEqualTo("bank-ctl-1");
      assertThat(body.getCommand()).isEqualTo("bank.SET_CHARGE_CURRENT");
      assertThat(body.getArgsMap()).containsOnly(
          java.util.Map.entry("amps", Value.newBuilder().setNumber(2.5).build()),
          java.util.Map.entry("mode", Value.newBuilder().setText("3").build()));
      assertThat(body.getRequestId()).isNotZero();
      assertThat(body.getCounter()).isGreaterThanOrEqualTo(CounterStore.micros(before));
      assertThat(new CounterStore(state, java.time.Clock.systemUTC()).read()).containsEntry("dev-operator",
          body.getCounter());
      long expiresInNs = body.getExpiresNs() - SendCommand.nanos(before);
      assertThat(expiresInNs).isBetween(Duration.ofSeconds(45).toNanos(), Duration.ofSeconds(55).toNanos());

      answer(wire, body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
      answer(wire, body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "charge setpoint 2.5 A");

      assertThat(send.exitCode()).as(send.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(send.lines()).containsExactly("ACCEPTED", "COMPLETED: charge setpoint 2.5 A");
      assertThat(send.err()).contains("lunarctl: sent bank.SET_CHARGE_CURRENT to lunar-south/bank-ctl-1 (key"
          + " dev-operator, counter " + body.getCounter() + ", request " + Long.toUnsignedString(body.getRequestId()));
    }
  }

  @Test
  void acksOfOtherCommandsAndRepeatsAreIgnored() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = send("core.NOOP");
      CommandBody body = body(controller);
      CommandBody other = body.toBuilder().setRequestId(body.getRequestId() + 1).build();

      answer(wire, other, Status.STATUS_REJECTED, Reason.REASON_REPLAYED, "not ours");
      answer(wire, body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
      answer(wire, body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
      answer(wire, other, Status.STATUS_FAILED, Reason.REASON_EXECUTION_FAILED, "not ours either");
      answer(wire, body, Status.STATUS_FAILED, Reason.REASON_EXECUTION_FAILED, "bank-1: charger PWM\nstuck");

      assertThat(send.exitCode()).isEqualTo(Lunarctl.EXIT_FAILED);
      assertThat(send.lines()).containsExactly("ACCEPTED", "FAILED: bank-1: charger PWM?stuck");
    }
  }

  @Test
  void aRejectionExitsTwelveWithItsReasonAndAnInferredIntegerGetsAHint() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = send("bank.SET_CHARGE_CURRENT", "amps=2");
      CommandBody body = body(controller);
      assertThat(body.getArgsMap().get("amps")).isEqualTo(Value.newBuilder().setInteger(2).build());

      answer(wire, body, Status.STATUS_REJECTED, Reason.REASON_BAD_ARGUMENT, "amps must be a number");

      assertThat(send.exitCode()).isEqualTo(Lunarctl.EXIT_REJECTED);
      assertThat(send.lines()).containsExactly("REJECTED REASON_BAD_ARGUMENT: amps must be a number");
      assertThat(send.err()).contains("lunarctl: note: amps=2 was sent as an integer; if the command wants a number,"
          + " write amps=2.0 or amps:number=2");
    }
  }

  @Test
  void aForgedAckIsReportedAndIgnoredAndTheControllersAckIsTheAnswer() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = send("core.NOOP");
      CommandBody body = body(controller);
      String request = Long.toUnsignedString(body.getRequestId());
      CommandAck rejected = unsigned(body, Status.STATUS_REJECTED, Reason.REASON_BAD_MAC, "MAC does not match");
      byte[] guessed = new byte[32];

      wire.publish("ack", AckSignature.sign(rejected, guessed, "lunar-south", "bank-ctl-1").toByteArray(), false);
      wire.publish("ack", unsigned(body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "done, honest").toByteArray(),
          false);
      wire.publish("ack", AckSignature.sign(unsigned(body, Status.STATUS_FAILED, Reason.REASON_EXECUTION_FAILED, "x"),
          OPERATOR_SECRET, "lunar-south", "bank-ctl-9").toByteArray(), false); // another controller's MAC
      wire.publish("ack", AckSignature.sign(rejected.toBuilder().setKeyId("dev-range-safety").build(), OPERATOR_SECRET,
          "lunar-south", "bank-ctl-1").toByteArray(), false);
      answer(wire, body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
      answer(wire, body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "noop");

      assertThat(send.exitCode()).as(send.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(send.lines()).containsExactly("ACCEPTED", "COMPLETED: noop");
      assertThat(send.err()).contains(
          "lunarctl: FORGED ack for request " + request + " (REJECTED REASON_BAD_MAC): its MAC does not verify under"
              + " dev-operator; ignored\n",
          "lunarctl: FORGED ack for request " + request + " (COMPLETED): it has no MAC, which the controller puts on"
              + " every such ack; ignored\n",
          "lunarctl: FORGED ack for request " + request + " (FAILED REASON_EXECUTION_FAILED): its MAC does not verify"
              + " under dev-operator; ignored\n",
          "lunarctl: FORGED ack for request " + request + " (REJECTED REASON_BAD_MAC): it names key dev-range-safety,"
              + " not dev-operator; ignored\n");
    }
  }

  @Test
  void aFloodOfForgedAcksIsNotedOnceAndCounted() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = send("core.NOOP");
      CommandBody body = body(controller);
      byte[] forged = AckSignature.sign(unsigned(body, Status.STATUS_REJECTED, Reason.REASON_BAD_MAC, "flood"),
          new byte[32], "lunar-south", "bank-ctl-1").toByteArray();
      for (int i = 0; i < 100; i++) {
        wire.publish("ack", forged, false);
      }
      answer(wire, body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
      answer(wire, body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "");

      assertThat(send.exitCode()).as(send.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(send.lines()).containsExactly("ACCEPTED", "COMPLETED");
      assertThat(send.err().lines().filter(l -> l.contains("FORGED"))).hasSize(1);
      assertThat(send.err()).contains("lunarctl: ignored 99 more forged or unauthenticated acks like those above\n");
    }
  }

  @Test
  void anUnauthenticatedRefusalIsNotTheAnswer() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = send("core.NOOP", "--json");
      CommandBody body = body(controller);
      CommandAck.Builder anonymous = CommandAck.newBuilder().setStatus(Status.STATUS_REJECTED)
          .setReason(Reason.REASON_BAD_MAC).setText("MAC does not match the body under key dev-operator");

      wire.publish("ack", anonymous.clone().setKeyId("dev-operator").build().toByteArray(), false);
      wire.publish("ack", anonymous.clone().setKeyId("dev-operator").setRequestId(body.getRequestId())
          .setReason(Reason.REASON_UNKNOWN_KEY).build().toByteArray(), false);
      answer(wire, body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
      answer(wire, body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "");

      assertThat(send.exitCode()).as(send.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(send.lines()).hasSize(2).allMatch(l -> !l.contains("REJECTED"));
      assertThat(send.err()).contains("lunarctl: unauthenticated REJECTED REASON_BAD_MAC naming key dev-operator: it"
          + " has no MAC, so anybody may have sent it; not taken as the answer, still waiting\n",
          "lunarctl: unauthenticated REJECTED REASON_UNKNOWN_KEY naming request "
              + Long.toUnsignedString(body.getRequestId()) + ": it has no MAC");
    }
  }

  @Test
  void onlyUnauthenticatedRefusalsEndInATimeoutThatSaysSo() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = send("core.NOOP", "--timeout", "1500ms");
      body(controller);
      byte[] refusal = CommandAck.newBuilder().setKeyId("dev-operator").setStatus(Status.STATUS_REJECTED)
          .setReason(Reason.REASON_BAD_MAC).setText("MAC does not match").build().toByteArray();
      wire.publish("ack", refusal, false);
      wire.publish("ack", refusal, false);
      wire.publish("ack", CommandAck.newBuilder().setKeyId("someone-else").setStatus(Status.STATUS_REJECTED)
          .setReason(Reason.REASON_UNKNOWN_KEY).build().toByteArray(), false);

      assertThat(send.exitCode()).isEqualTo(Lunarctl.EXIT_TIMEOUT);
      assertThat(send.out()).isEmpty();
      assertThat(send.err()).contains("lunarctl: no acknowledgement within 1500ms on"
          + " lunarbase/v1/lunar-south/bank-ctl-1/ack; unauthenticated refusals were seen (REJECTED REASON_BAD_MAC x2):"
          + " the controller refusing this key's secret (check --key-file and --key) or someone forging them\n")
          .doesNotContain("UNKNOWN_KEY");
    }
  }

  @Test
  void jsonHasOneObjectPerAck() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = send("core.NOOP", "--json");
      CommandBody body = body(controller);
      Instant sampled = Instant.parse("2026-11-30T03:40:01.5Z");

      wire.publish("ack", ack(body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "").toBuilder()
          .setHeader(wire.header(3, 9, sampled)).build().toByteArray(), false);
      wire.publish("ack", ack(body, Status.STATUS_COMPLETED, Reason.REASON_NONE, "noop").toBuilder()
          .setHeader(wire.historical(3, 10, sampled)).build().toByteArray(), false);

      assertThat(send.exitCode()).isZero();
      String common = "{\"controller\":\"lunar-south/bank-ctl-1\",\"command\":\"core.NOOP\",\"keyId\":\"dev-operator\","
          + "\"counter\":\"" + body.getCounter() + "\",\"requestId\":\"" + Long.toUnsignedString(body.getRequestId())
          + "\",";
      assertThat(send.lines()).containsExactly(
          common + "\"status\":\"ACCEPTED\",\"reason\":\"REASON_NONE\",\"text\":\"\",\"time\":\"2026-11-30T03:40:01.500Z\","
              + "\"historical\":false}",
          common + "\"status\":\"COMPLETED\",\"reason\":\"REASON_NONE\",\"text\":\"noop\","
              + "\"time\":\"2026-11-30T03:40:01.500Z\",\"historical\":true}");
    }
  }

  @Test
  void noWaitEndsWithTenAtAccepted() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run send = send("core.NOOP", "--no-wait");
      answer(wire, body(controller), Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");

      assertThat(send.exitCode()).isEqualTo(Lunarctl.EXIT_ACCEPTED);
      assertThat(send.lines()).containsExactly("ACCEPTED");
    }
  }

  @Test
  void acceptedWithoutAnOutcomeBeforeTheTimeoutIsTenAndNoAckAtAllIsThree() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run accepted = send("core.NOOP", "--timeout", "1500ms");
      answer(wire, body(controller), Status.STATUS_ACCEPTED, Reason.REASON_NONE, "");
      assertThat(accepted.exitCode()).isEqualTo(Lunarctl.EXIT_ACCEPTED);
      assertThat(accepted.lines()).containsExactly("ACCEPTED");
      assertThat(accepted.err()).contains("ACCEPTED, but no COMPLETED or FAILED within 1500ms: the outcome is unknown");

      Run silent = send("core.NOOP", "--timeout", "500ms");
      assertThat(silent.exitCode()).isEqualTo(Lunarctl.EXIT_TIMEOUT);
      assertThat(silent.out()).isEmpty();
      assertThat(silent.err()).contains("no acknowledgement within 500ms on lunarbase/v1/lunar-south/bank-ctl-1/ack");
      assertThat(controller.awaitCount(CMD, 2, Duration.ofSeconds(5))).hasSize(2);
    }
  }

  @Test
  void countersRiseFromCommandToCommandAndAnExplicitOneIsSentAsGiven() throws Exception {
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD)) {
      List<Long> counters = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        send("core.NOOP", "--no-wait", "--timeout", "200ms").exitCode();
      }
      send("core.NOOP", "--no-wait", "--timeout", "200ms", "--counter", "18446744073709551615").exitCode();
      for (var received : controller.awaitCount(CMD, 4, Duration.ofSeconds(5))) {
        counters.add(CommandBody.parseFrom(SignedCommand.parseFrom(received.payload()).getBody()).getCounter());
      }

      assertThat(counters.subList(0, 3)).isSorted().doesNotHaveDuplicates();
      assertThat(counters.get(3)).isEqualTo(-1L);
    }
  }

  @Test
  void anUnreachableBrokerIsTwo() throws Exception {
    String nowhere = "tcp://127.0.0.1:" + MosquittoBroker.FreePort.find();
    Run send = Run.of("send", "lunar-south/bank-ctl-1", "core.NOOP", "--key-file", KEYS, "--key", "dev-operator",
        "--broker", nowhere, "--state-dir", state.toString());

    assertThat(send.exitCode()).isEqualTo(Lunarctl.EXIT_BROKER);
    assertThat(send.out()).isEmpty();
    assertThat(send.err()).startsWith("lunarctl: cannot connect to " + nowhere + ": ");
  }

  @Test
  void aWrongCommandLineIsSixtyFour() throws Exception {
    String[][] wrong = {
        {"send", "lunar-south", "core.NOOP", "--key-file", KEYS, "--key", "dev-operator"},
        {"send", "lunar-south/bank-ctl-1", "core.NOOP", "amps", "--key-file", KEYS, "--key", "dev-operator"},
        {"send", "lunar-south/bank-ctl-1", "core.NOOP", "x:float=1", "--key-file", KEYS, "--key", "dev-operator"},
        {"send", "lunar-south/bank-ctl-1", "core.NOOP", "--key-file", KEYS, "--key", "dev-operator", "--counter", "0"},
        {"send", "lunar-south/bank-ctl-1", "core.NOOP", "--key-file", KEYS, "--key", "dev-operator", "--counter", "-1"},
        {"send", "lunar-south/bank-ctl-1", "core.NOOP", "--key-file", KEYS, "--key", "dev-operator", "--expires", "0s"},
        {"send", "lunar-south/bank-ctl-1", "core.NOOP", "--key", "dev-operator"},
        {"send", "lunar-south/bank-ctl-1", "--key-file", KEYS, "--key", "dev-operator"}};
    for (String[] args : wrong) {
      Run send = Run.of(args);
      assertThat(send.exitCode()).as(String.join(" ", args)).isEqualTo(Lunarctl.EXIT_USAGE);
      assertThat(send.out()).isEmpty();
    }
    assertThat(new CounterStore(state, java.time.Clock.systemUTC()).read()).isEmpty();
  }

  private Run send(String command, String... more) {
    List<String> args = new ArrayList<>(List.of("send", "lunar-south/bank-ctl-1", command, "--key-file", KEYS,
        "--key", "dev-operator", "--broker", broker.url(), "--state-dir", state.toString()));
    args.addAll(List.of(more));
    if (!args.contains("--timeout")) {
      args.addAll(List.of("--timeout", "10s"));
    }
    return Run.start(args.toArray(String[]::new));
  }

  private static CommandBody body(MqttRecorder controller) throws Exception {
    var received = controller.awaitCount(CMD, 1, Duration.ofSeconds(10)).getFirst();
    return CommandBody.parseFrom(SignedCommand.parseFrom(received.payload()).getBody());
  }

  private static void answer(Wire wire, CommandBody body, Status status, Reason reason, String text) throws Exception {
    wire.publish("ack", ack(body, status, reason, text).toByteArray(), false);
  }
}
