package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static space.lunarbase.ground.cli.TestOperator.CMD;
import static space.lunarbase.ground.cli.TestOperator.KEYS;
import static space.lunarbase.ground.cli.TestOperator.OPERATOR_SECRET;
import static space.lunarbase.ground.cli.TestOperator.ack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SequenceRef;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.Value;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.wire.CommandSignature;

/**
 * {@code lunarctl seq load} and {@code seq check} against a real broker, with the test as the
 * controller: what goes out on {@code cmd}, how the acks are printed, and the exit codes.
 * (hil-tests' LunarctlSeqTest runs it against the firmware.)
 */
class SeqCommandTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @TempDir
  Path dir;

  @Test
  void loadSignsTheParsedSequenceAsSeqLoadAndEndsWithZeroOnCompleted() throws Exception {
    Path file = Files.writeString(dir.resolve("night.seq"), SequenceFileTest.NIGHT);
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run load = load(file, "--slot", "3");

      SignedCommand signed = SignedCommand.parseFrom(controller.awaitCount(CMD, 1, Duration.ofSeconds(10))
          .getFirst().payload());
      CommandBody body = CommandBody.parseFrom(signed.getBody());
      assertThat(signed.getMac().toByteArray())
          .isEqualTo(CommandSignature.mac(OPERATOR_SECRET, signed.getBody().toByteArray()));
      assertThat(body.getCommand()).isEqualTo("seq.LOAD");
      assertThat(body.getArgsMap()).containsOnlyKeys("slot", "sequence");
      assertThat(body.getArgsMap().get("slot")).isEqualTo(Value.newBuilder().setInteger(3).build());
      Sequence sent = Sequence.parseFrom(body.getArgsMap().get("sequence").getData());
      assertThat(sent).isEqualTo(SequenceFile.parse(SequenceFileTest.NIGHT, "x").sequence());

      // an ack of one of a loaded sequence's entries echoes a seq.LOAD's request id: it is not this command's
      wire.publish("ack", TestOperator.signed(TestOperator.unsigned(body, Status.STATUS_COMPLETED, Reason.REASON_NONE,
          "no-op").toBuilder().setSequence(SequenceRef.newBuilder().setSlot(3).setName("night-charge").setEntry(1))
          .build()).toByteArray(), false);
      wire.publish("ack", ack(body, Status.STATUS_ACCEPTED, Reason.REASON_NONE, "").toByteArray(), false);
      wire.publish("ack", ack(body, Status.STATUS_COMPLETED, Reason.REASON_NONE,
          "slot 3: 'night-charge' loaded, 8 entries").toByteArray(), false);

      assertThat(load.exitCode()).as(load.err()).isEqualTo(Lunarctl.EXIT_OK);
      assertThat(load.lines()).containsExactly("ACCEPTED", "COMPLETED: slot 3: 'night-charge' loaded, 8 entries");
      assertThat(load.err()).contains("lunarctl: sent seq.LOAD ('night-charge', 8 entries, "
          + sent.getSerializedSize() + " bytes, into slot 3) to lunar-south/bank-ctl-1 (key dev-operator, counter ");
    }
  }

  @Test
  void aRefusedEntryIsPrintedWithItsReasonAndExitsTwelve() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.seq"), "name bad\n+1s bank.SELF_DESTRUCT\n");
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD);
         Wire wire = new Wire(broker.url(), "lunar-south", "bank-ctl-1")) {
      Run load = load(file, "--slot", "1", "--json");
      CommandBody body = CommandBody.parseFrom(SignedCommand.parseFrom(controller.awaitCount(CMD, 1,
          Duration.ofSeconds(10)).getFirst().payload()).getBody());
      wire.publish("ack", ack(body, Status.STATUS_REJECTED, Reason.REASON_UNKNOWN_COMMAND,
          "entry 1 (bank.SELF_DESTRUCT): no command 'bank.SELF_DESTRUCT'").toByteArray(), false);

      assertThat(load.exitCode()).isEqualTo(Lunarctl.EXIT_REJECTED);
      assertThat(load.lines()).singleElement().asString().contains("\"command\":\"seq.LOAD\"")
          .contains("\"status\":\"REJECTED\",\"reason\":\"REASON_UNKNOWN_COMMAND\","
              + "\"text\":\"entry 1 (bank.SELF_DESTRUCT): no command 'bank.SELF_DESTRUCT'\"");
    }
  }

  @Test
  void aFileThatIsNotASequenceIsFourAndNothingIsSent() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.seq"), "name bad\n+5 core.NOOP\n");
    try (MqttRecorder controller = MqttRecorder.subscribe(broker.url(), CMD)) {
      Run load = load(bad, "--slot", "1");
      Run missing = load(dir.resolve("missing.seq"), "--slot", "1");
      Run check = Run.of("seq", "check", bad.toString());

      assertThat(load.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
      assertThat(load.err()).isEqualTo("lunarctl: " + bad + ":2: '+5' is not a relative time: write +HH:MM:SS[.fff],"
          + " or +5s, +250ms, +2m, +1h (units ms, s, m, h)\n");
      assertThat(missing.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
      assertThat(missing.err()).contains("missing.seq: cannot be read (NoSuchFileException");
      assertThat(check.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
      assertThat(controller.all()).isEmpty();
      assertThat(Run.of("seq", "load", "lunar-south/bank-ctl-1", bad.toString(), "--key-file", KEYS, "--key",
          "dev-operator").exitCode()).as("--slot is required").isEqualTo(Lunarctl.EXIT_USAGE);
      assertThat(Run.of("seq").exitCode()).isEqualTo(Lunarctl.EXIT_USAGE);
    }
  }

  @Test
  void checkShowsEachEntryAsUnderstood() throws Exception {
    Path file = Files.writeString(dir.resolve("night.seq"), SequenceFileTest.NIGHT);
    Run check = Run.of("seq", "check", file.toString());

    assertThat(check.exitCode()).as(check.err()).isZero();
    int bytes = SequenceFile.parse(SequenceFileTest.NIGHT, "x").sequence().getSerializedSize();
    assertThat(check.lines()).hasSize(9);
    assertThat(check.lines().get(0)).isEqualTo("sequence 'night-charge': 8 entries, on failure CONTINUE, " + bytes
        + " bytes");
    assertThat(check.lines().get(1)).isEqualTo("   1  line 5    +00:00:05.000             core.NOOP");
    assertThat(check.lines().get(3)).isEqualTo("   3  line 7    +00:00:00.250             bank.SET_CHARGE_CURRENT"
        + " amps=2 (number)");
    assertThat(check.lines().get(5)).isEqualTo("   5  line 9    2026-12-01T10:30:00.250Z  core.NOOP");
  }

  private Run load(Path file, String... more) {
    List<String> args = new ArrayList<>(List.of("seq", "load", "lunar-south/bank-ctl-1", file.toString(),
        "--key-file", KEYS, "--key", "dev-operator", "--broker", broker.url(), "--state-dir", dir.toString(),
        "--timeout", "10s"));
    args.addAll(List.of(more));
    return Run.start(args.toArray(String[]::new));
  }
}
