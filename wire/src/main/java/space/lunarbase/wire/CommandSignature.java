package space.lunarbase.wire;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.SignedCommand;

/**
 * The MAC on a command, as docs/subsystems/commanding.md ("The message and its MAC") specifies: the
 * {@code CommandBody} is serialized once, those bytes are {@code SignedCommand.body}, and
 * {@code mac} is HMAC-SHA256 over exactly those bytes with the secret of {@code key_id}. The body
 * names its site and controller ({@code site_id}, {@code controller_id}), so the MAC binds the
 * command to one controller; a controller's secret is its own ({@link CommandKeyDerivation}).
 * lunarctl and the rig sign with it; the firmware checks with {@link CommandMac} where the bytes lie.
 */
public final class CommandSignature {

  private CommandSignature() {}

  /** The {@code SignedCommand} of {@code body} under key {@code keyId} with {@code secret}. */
  public static SignedCommand sign(CommandBody body, String keyId, byte[] secret) {
    ByteString bytes = body.toByteString();
    return SignedCommand.newBuilder().setBody(bytes).setKeyId(keyId)
        .setMac(ByteString.copyFrom(mac(secret, bytes.toByteArray()))).build();
  }

  /** HMAC-SHA256 of {@code body} (the serialized CommandBody) under {@code secret}: 32 bytes. */
  public static byte[] mac(byte[] secret, byte[] body) {
    return new CommandMac(secret).mac(body, 0, body.length);
  }

  /** Whether {@code command}'s MAC is that of its body under {@code secret} (compared in constant time). */
  public static boolean verifies(SignedCommand command, byte[] secret) {
    return MessageDigest.isEqual(mac(secret, command.getBody().toByteArray()), command.getMac().toByteArray());
  }
}
