package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.SequenceRef;
import space.lunarbase.wire.AckCheck.Kind;

/** Which acks answer one command: real acks, signed as the controller signs them or forged. */
class AckCheckTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final long REQUEST = 0x5eed_cafe_f00dL;
  private static final AckCheck CHECK = new AckCheck("lunar-south", "bank-ctl-1", "dev-operator", SECRET, REQUEST);

  private static CommandAck.Builder ack(Status status, Reason reason) {
    return CommandAck.newBuilder().setRequestId(REQUEST).setKeyId("dev-operator").setCounter(9)
        .setCommand("core.NOOP").setStatus(status).setReason(reason);
  }

  private static CommandAck signed(CommandAck.Builder ack) {
    return AckSignature.sign(ack.build(), SECRET, "lunar-south", "bank-ctl-1");
  }

  @Test
  void the_controllers_signed_ack_of_the_request_is_the_answer_whatever_its_status() {
    for (Status status : new Status[] {Status.STATUS_ACCEPTED, Status.STATUS_COMPLETED, Status.STATUS_FAILED}) {
      assertThat(CHECK.judge(signed(ack(status, Reason.REASON_NONE))).kind()).isEqualTo(Kind.ANSWER);
    }
    assertThat(CHECK.judge(signed(ack(Status.STATUS_REJECTED, Reason.REASON_REPLAYED))).kind()).isEqualTo(Kind.ANSWER);
  }

  @Test
  void an_ack_of_the_request_that_does_not_verify_is_forged_and_says_why() {
    CommandAck.Builder badMac = ack(Status.STATUS_REJECTED, Reason.REASON_BAD_MAC);
    CommandAck guessed = AckSignature.sign(badMac.build(), new byte[32], "lunar-south", "bank-ctl-1");
    CommandAck elsewhere = AckSignature.sign(ack(Status.STATUS_COMPLETED, Reason.REASON_NONE).build(), SECRET,
        "lunar-south", "bank-ctl-2");
    CommandAck otherKey = signed(ack(Status.STATUS_COMPLETED, Reason.REASON_NONE).setKeyId("dev-range\nsafety"));
    CommandAck bare = ack(Status.STATUS_COMPLETED, Reason.REASON_NONE).build();
    CommandAck bareLateRefusal = ack(Status.STATUS_REJECTED, Reason.REASON_EXPIRED).build();

    assertThat(CHECK.judge(guessed)).isEqualTo(new AckCheck.Verdict(Kind.FORGED,
        "its MAC does not verify under dev-operator"));
    assertThat(CHECK.judge(elsewhere).kind()).as("signed for another controller").isEqualTo(Kind.FORGED);
    assertThat(CHECK.judge(otherKey).why()).isEqualTo("it names key dev-range?safety, not dev-operator");
    assertThat(CHECK.judge(bare).why()).isEqualTo("it has no MAC, which the controller puts on every such ack");
    assertThat(CHECK.judge(bareLateRefusal).kind()).as("EXPIRED comes after the MAC: always signed")
        .isEqualTo(Kind.FORGED);
    assertThat(CHECK.judge(ack(Status.STATUS_REJECTED, Reason.REASON_RATE_LIMITED).build()).kind())
        .as("a key's budget is checked after the MAC: its refusal is signed").isEqualTo(Kind.FORGED);
    assertThat(AckCheck.label(guessed)).isEqualTo("REJECTED REASON_BAD_MAC");
  }

  @Test
  void a_refusal_from_before_the_mac_naming_the_request_or_request_zero_and_the_key_is_unauthenticated() {
    for (Reason reason : AckCheck.BEFORE_THE_MAC) {
      CommandAck echoed = ack(Status.STATUS_REJECTED, reason).build();
      CommandAck byKey = ack(Status.STATUS_REJECTED, reason).setRequestId(0).build();
      assertThat(CHECK.judge(echoed).kind()).as(reason.name()).isEqualTo(Kind.UNAUTHENTICATED);
      assertThat(CHECK.judge(byKey).kind()).as(reason.name()).isEqualTo(Kind.UNAUTHENTICATED);
    }
  }

  @Test
  void other_commands_acks_other_keys_refusals_and_sequence_entries_are_other() {
    assertThat(CHECK.judge(signed(ack(Status.STATUS_COMPLETED, Reason.REASON_NONE).setRequestId(REQUEST + 1))).kind())
        .isEqualTo(Kind.OTHER);
    assertThat(CHECK.judge(ack(Status.STATUS_REJECTED, Reason.REASON_BAD_MAC).setRequestId(0).setKeyId("mallory")
        .build()).kind()).isEqualTo(Kind.OTHER);
    assertThat(CHECK.judge(ack(Status.STATUS_COMPLETED, Reason.REASON_NONE).setRequestId(0).build()).kind())
        .isEqualTo(Kind.OTHER);
    assertThat(CHECK.judge(signed(ack(Status.STATUS_COMPLETED, Reason.REASON_NONE)
        .setSequence(SequenceRef.newBuilder().setSlot(1).setEntry(2)))).kind()).isEqualTo(Kind.OTHER);
  }

  @Test
  void the_secret_is_neither_shared_nor_shown() {
    byte[] secret = SECRET.clone();
    AckCheck check = new AckCheck("s", "c", "k", secret, 1);
    secret[0] ^= 1;
    check.secret()[1] ^= 1;

    assertThat(check.secret()).isEqualTo(SECRET);
    assertThat(check.toString()).isEqualTo("AckCheck[s/c, key k, request 1]");
  }
}
