package space.lunarbase.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HKDF-SHA256 of RFC 5869, computed here step by step with the JDK, binds a secret to one controller. */
class CommandKeyDerivationTest {

  private static final byte[] MASTER =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  @Test
  void isHkdfSha256WithTheControllersIdentityAsInfo() throws Exception {
    Mac extract = Mac.getInstance("HmacSHA256");
    extract.init(new SecretKeySpec("lunarbase command key v1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] prk = extract.doFinal(MASTER);
    Mac expand = Mac.getInstance("HmacSHA256");
    expand.init(new SecretKeySpec(prk, "HmacSHA256"));
    byte[] expected = expand.doFinal("lunar-south.bank-ctl-1\u0001".getBytes(StandardCharsets.UTF_8));

    assertThat(CommandKeyDerivation.derive(MASTER, "lunar-south", "bank-ctl-1")).hasSize(32).isEqualTo(expected);
  }

  @Test
  void everyControllerGetsItsOwnSecret() {
    byte[] one = CommandKeyDerivation.derive(MASTER, "lunar-south", "bank-ctl-1");

    assertThat(CommandKeyDerivation.derive(MASTER, "lunar-south", "bank-ctl-2")).isNotEqualTo(one);
    assertThat(CommandKeyDerivation.derive(MASTER, "lunar-north", "bank-ctl-1")).isNotEqualTo(one);
    assertThat(CommandKeyDerivation.derive(MASTER, "lunar-south", "bank-ctl-1")).isEqualTo(one);
  }
}
