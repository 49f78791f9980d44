package space.lunarbase.ground.cli;

import java.util.HexFormat;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.wire.AckSignature;

/**
 * What the command tests sign with and send to: the public development key ring
 * (deploy/keys/dev-keys.yml), its operator key's secret, the command topic of the controller the
 * tests play (lunar-south/bank-ctl-1), and that controller's acks, signed as it signs them.
 */
final class TestOperator {

  static final String CMD = "lunarbase/v1/lunar-south/bank-ctl-1/cmd";
  static final String KEYS = "../deploy/keys/dev-keys.yml";
  static final byte[] OPERATOR_SECRET =
      HexFormat.of().parseHex("eb1340b5182c69113fe07e267bd7ff0e05b2c9af6de57e353d36447753a4a207");

  private TestOperator() {}

  /** The controller's ack of {@code body}: signed under the operator key for lunar-south/bank-ctl-1. */
  static CommandAck ack(CommandBody body, Status status, Reason reason, String text) {
    return signed(unsigned(body, status, reason, text));
  }

  /** {@code ack} with the MAC the controller lunar-south/bank-ctl-1 puts on it under the operator key. */
  static CommandAck signed(CommandAck ack) {
    return AckSignature.sign(ack, OPERATOR_SECRET, "lunar-south", "bank-ctl-1");
  }

  /** An ack of {@code body} without a MAC: what anybody on the broker can write. */
  static CommandAck unsigned(CommandBody body, Status status, Reason reason, String text) {
    return CommandAck.newBuilder().setHeader(Header.getDefaultInstance()).setRequestId(body.getRequestId())
        .setKeyId("dev-operator").setCounter(body.getCounter()).setCommand(body.getCommand()).setStatus(status)
        .setReason(reason).setText(text).build();
  }
}
