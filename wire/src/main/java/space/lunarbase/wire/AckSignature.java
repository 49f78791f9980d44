package space.lunarbase.wire;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import space.lunarbase.proto.v1.CommandAck;

/**
 * The MAC a controller puts on a command acknowledgement, so that a client holding the command's
 * key can tell the controller's answer from one anybody on the broker could publish.
 *
 * <p>HMAC-SHA256 under the secret of the ack's {@code key_id} over
 * {@code "lunarbase/v1/ack" 0x00 site 0x00 controller 0x00 body}, where {@code body} is the
 * {@code CommandAck} serialized without its {@code header} (the link marks a replayed ack
 * historical by appending to the header) and without its {@code mac}. Site and controller are those
 * of the topic the ack travels under, so an ack from one controller cannot pass for another's.
 * Only acks of commands whose own MAC verified are signed; see {@code commands.proto}.
 */
public final class AckSignature {

  private static final byte[] DOMAIN = "lunarbase/v1/ack".getBytes(StandardCharsets.US_ASCII);

  private AckSignature() {}

  /** {@code ack} with its {@code mac} set under {@code secret}, for the controller {@code site/controller}. */
  public static CommandAck sign(CommandAck ack, byte[] secret, String site, String controller) {
    return ack.toBuilder().setMac(ByteString.copyFrom(mac(ack, secret, site, controller))).build();
  }

  /** The 32-byte MAC of {@code ack} (its header and mac ignored) under {@code secret}. */
  public static byte[] mac(CommandAck ack, byte[] secret, String site, String controller) {
    byte[] body = ack.toBuilder().clearHeader().clearMac().build().toByteArray();
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
      hmac.update(DOMAIN);
      hmac.update((byte) 0);
      hmac.update(site.getBytes(StandardCharsets.UTF_8));
      hmac.update((byte) 0);
      hmac.update(controller.getBytes(StandardCharsets.UTF_8));
      hmac.update((byte) 0);
      return hmac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  /** Whether {@code ack} carries a MAC and it matches under {@code secret} (constant-time compare). */
  public static boolean verifies(CommandAck ack, byte[] secret, String site, String controller) {
    if (ack.getMac().isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(ack.getMac().toByteArray(), mac(ack, secret, site, controller));
  }
}
