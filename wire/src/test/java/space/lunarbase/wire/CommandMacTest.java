package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The allocation-free HMAC gives javax.crypto's HmacSHA256 bytes, and checks a MAC in place. */
class CommandMacTest {

  @Property(tries = 2_000)
  void itAgreesWithTheJdk(@ForAll @Size(min = 1, max = 150) byte[] secret, @ForAll @Size(max = 300) byte[] message,
                          @ForAll @IntRange(max = 20) int offset) throws Exception {
    int from = Math.min(offset, message.length);
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(secret, "HmacSHA256"));
    jdk.update(message, from, message.length - from);
    byte[] expected = jdk.doFinal();

    CommandMac hmac = new CommandMac(secret);
    assertThat(hmac.mac(message, from, message.length - from)).isEqualTo(expected);
    byte[] framed = new byte[expected.length + 7];
    System.arraycopy(expected, 0, framed, 5, expected.length);
    assertThat(hmac.verifies(message, from, message.length - from, framed, 5, expected.length)).isTrue();
    framed[5 + from % expected.length] ^= 1;
    assertThat(hmac.verifies(message, from, message.length - from, framed, 5, expected.length)).isFalse();
  }

  @Test
  void rfc4231TestCase2() {
    CommandMac hmac = new CommandMac("Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    byte[] data = "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(HexFormat.of().formatHex(hmac.mac(data, 0, data.length)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void aMacOfAnotherLengthNeverVerifies() {
    CommandMac hmac = new CommandMac(new byte[32]);
    byte[] message = {1, 2, 3};
    byte[] mac = hmac.mac(message, 0, 3);
    assertThat(hmac.verifies(message, 0, 3, mac, 0, 31)).isFalse();
    assertThat(hmac.verifies(message, 0, 3, Arrays.copyOf(mac, 33), 0, 33)).isFalse();
    assertThat(hmac.verifies(message, 0, 3, new byte[0], 0, 0)).isFalse();
    assertThat(hmac.verifies(message, 0, 3, mac, 0, 32)).isTrue();
  }
}
