package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.Header;

class AckSignatureTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static CommandAck ack() {
    return CommandAck.newBuilder().setHeader(Header.newBuilder().setSequence(7).setBootCount(3))
        .setRequestId(42).setKeyId("dev-operator").setCounter(9).setCommand("core.NOOP")
        .setStatus(CommandAck.Status.STATUS_COMPLETED).setText("done").build();
  }

  @Test
  void a_signed_ack_verifies_under_its_key_and_controller() {
    CommandAck signed = AckSignature.sign(ack(), SECRET, "lunar-south", "bank-ctl-1");
    assertThat(signed.getMac().size()).isEqualTo(32);
    assertThat(AckSignature.verifies(signed, SECRET, "lunar-south", "bank-ctl-1")).isTrue();
  }

  @Test
  void the_header_is_outside_the_mac_so_a_replayed_ack_still_verifies() {
    CommandAck signed = AckSignature.sign(ack(), SECRET, "lunar-south", "bank-ctl-1");
    CommandAck historical = signed.toBuilder()
        .setHeader(signed.getHeader().toBuilder().setHistorical(true).setSequence(99)).build();
    assertThat(AckSignature.verifies(historical, SECRET, "lunar-south", "bank-ctl-1")).isTrue();
  }

  @Test
  void any_changed_field_another_controller_another_key_or_no_mac_fails() {
    CommandAck signed = AckSignature.sign(ack(), SECRET, "lunar-south", "bank-ctl-1");
    assertThat(AckSignature.verifies(signed.toBuilder().setStatus(CommandAck.Status.STATUS_REJECTED).build(),
        SECRET, "lunar-south", "bank-ctl-1")).isFalse();
    assertThat(AckSignature.verifies(signed.toBuilder().setRequestId(43).build(),
        SECRET, "lunar-south", "bank-ctl-1")).isFalse();
    assertThat(AckSignature.verifies(signed.toBuilder().setText("done!").build(),
        SECRET, "lunar-south", "bank-ctl-1")).isFalse();
    assertThat(AckSignature.verifies(signed, SECRET, "lunar-south", "rail-ctl-1")).isFalse();
    assertThat(AckSignature.verifies(signed, SECRET, "lunar-north", "bank-ctl-1")).isFalse();
    byte[] other = SECRET.clone();
    other[0] ^= 1;
    assertThat(AckSignature.verifies(signed, other, "lunar-south", "bank-ctl-1")).isFalse();
    assertThat(AckSignature.verifies(signed.toBuilder().clearMac().build(), SECRET, "lunar-south", "bank-ctl-1"))
        .isFalse();
    byte[] flipped = signed.getMac().toByteArray();
    flipped[31] ^= 1;
    assertThat(AckSignature.verifies(signed.toBuilder().setMac(ByteString.copyFrom(flipped)).build(),
        SECRET, "lunar-south", "bank-ctl-1")).isFalse();
  }
}
