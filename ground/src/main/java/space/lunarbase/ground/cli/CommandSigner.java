package space.lunarbase.ground.cli;

import com.google.protobuf.ByteString;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;

/**
 * Signs a command as docs/subsystems/commanding.md ("The message and its MAC") specifies: the
 * {@code CommandBody} is serialized once, those bytes are {@code body}, and {@code mac} is
 * HMAC-SHA256 over exactly those bytes with the key's secret (the raw bytes of its hex).
 */
final class CommandSigner {

  private CommandSigner() {}

  /** The {@code SignedCommand} of {@code body} under key {@code keyId} with {@code secret}. */
  static SignedCommand sign(CommandBody body, String keyId, byte[] secret) {
    ByteString bytes = body.toByteString();
    return SignedCommand.newBuilder().setBody(bytes).setKeyId(keyId)
        .setMac(ByteString.copyFrom(hmacSha256(secret, bytes.toByteArray()))).build();
  }

  /** HMAC-SHA256 of {@code message} under {@code secret}: 32 bytes. */
  static byte[] hmacSha256(byte[] secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }
}
