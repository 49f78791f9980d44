package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.Value;

/** The MAC is HMAC-SHA256 over exactly the bytes of {@code body}, as docs/subsystems/commanding.md specifies. */
class CommandSignatureTest {

  private static final byte[] SECRET =
      HexFormat.of().parseHex("eb1340b5182c69113fe07e267bd7ff0e05b2c9af6de57e353d36447753a4a207");

  @Test
  void theMacIsAnIndependentlyComputedHmacSha256OfTheSerializedBody() throws Exception {
    CommandBody body = CommandBody.newBuilder().setCounter(1_733_000_000_000_001L).setExpiresNs(-5L)
        .setSiteId("hil").setControllerId("sim-1").setCommand("bank.SET_CHARGE_CURRENT")
        .putArgs("amps", Value.newBuilder().setNumber(2.5).build())
        .putArgs("mode", Value.newBuilder().setText("NOMINAL").build())
        .putArgs("force", Value.newBuilder().setFlag(true).build())
        .putArgs("n", Value.newBuilder().setInteger(-3).build())
        .setRequestId(0xfedc_ba98_7654_3210L).build();

    SignedCommand signed = SignedCommand.parseFrom(CommandSignature.sign(body, "dev-operator", SECRET).toByteArray());

    byte[] bodyBytes = signed.getBody().toByteArray();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    assertThat(signed.getMac().toByteArray()).hasSize(32).isEqualTo(mac.doFinal(bodyBytes));
    assertThat(bodyBytes).isEqualTo(body.toByteArray());
    assertThat(CommandBody.parseFrom(bodyBytes)).isEqualTo(body);
    assertThat(signed.getKeyId()).isEqualTo("dev-operator");
    assertThat(signed.getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void anotherSecretOrAnotherBodyGivesAnotherMac() {
    CommandBody body = CommandBody.newBuilder().setCounter(7).setCommand("core.NOOP").build();
    byte[] other = SECRET.clone();
    other[0] ^= 1;

    byte[] mac = CommandSignature.sign(body, "k", SECRET).getMac().toByteArray();

    assertThat(CommandSignature.sign(body, "k", other).getMac().toByteArray()).isNotEqualTo(mac);
    assertThat(CommandSignature.sign(body.toBuilder().setCounter(8).build(), "k", SECRET).getMac().toByteArray())
        .isNotEqualTo(mac);
  }

  @Test
  void hmacSha256MatchesRfc4231TestCase2() {
    byte[] mac = CommandSignature.mac("Jefe".getBytes(StandardCharsets.US_ASCII),
        "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));

    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void verifiesItsOwnSignatureAndNothingElse() {
    CommandBody body = CommandBody.newBuilder().setCounter(7).setSiteId("s").setControllerId("c")
        .setCommand("core.NOOP").build();
    SignedCommand signed = CommandSignature.sign(body, "k", SECRET);
    byte[] other = SECRET.clone();
    other[31] ^= 1;

    assertThat(CommandSignature.verifies(signed, SECRET)).isTrue();
    assertThat(CommandSignature.verifies(signed, other)).isFalse();
    assertThat(CommandSignature.verifies(signed.toBuilder().setMac(signed.getMac().substring(0, 31)).build(), SECRET))
        .isFalse();
    assertThat(CommandSignature.verifies(signed.toBuilder().clearMac().build(), SECRET)).isFalse();
    assertThat(CommandSignature.verifies(signed.toBuilder()
        .setBody(body.toBuilder().setControllerId("d").build().toByteString()).build(), SECRET)).isFalse();
  }
}
