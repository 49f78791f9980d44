package space.lunarbase.hil.rig;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.wire.AckSignature;

/**
 * What an attacker without keys can make of a controller's messages: plausible copies with one
 * thing changed, each of which a consumer would be misled by if it took it.
 */
public final class Forgery {

  private Forgery() {}

  /** The true schema with BankTelemetry's pack voltage and current swapped: decoding with it swaps them. */
  public static byte[] schemaSwappingPackVoltageAndCurrent() {
    FileDescriptorSet.Builder set = Schema.descriptorSet().toBuilder();
    for (FileDescriptorProto.Builder file : set.getFileBuilderList()) {
      for (DescriptorProto.Builder message : file.getMessageTypeBuilderList()) {
        if (message.getName().equals("BankTelemetry")) {
          FieldDescriptorProto.Builder volts = field(message, "pack_voltage_v");
          FieldDescriptorProto.Builder amps = field(message, "pack_current_a");
          int number = volts.getNumber();
          volts.setNumber(amps.getNumber());
          amps.setNumber(number);
        }
      }
    }
    return set.build().toByteArray();
  }

  private static FieldDescriptorProto.Builder field(DescriptorProto.Builder message, String name) {
    return message.getFieldBuilderList().stream().filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
  }

  /** A copy of the controller's {@code birth} that names the schema with {@code schemaHash}. */
  public static ControllerState birthNaming(ControllerState birth, String schemaHash) {
    return birth.toBuilder().setSchemaHash(schemaHash).build();
  }

  /** A copy of the controller's birth saying it went OFFLINE. */
  public static ControllerState death(ControllerState birth) {
    return birth.toBuilder().setStatus(ControllerState.Status.STATUS_OFFLINE).setReason("connection lost").build();
  }

  /** A copy of a bank frame whose next sequence number says the pack is empty. */
  public static TelemetryFrame emptyPack(TelemetryFrame bankFrame) {
    TelemetryFrame.Builder frame = bankFrame.toBuilder();
    frame.getHeaderBuilder().setSequence(bankFrame.getHeader().getSequence() + 1);
    frame.getBankBuilder().setPackVoltageV(0).setPackCurrentA(0).setReady(false);
    return frame.build();
  }

  /** An event in the controller's name announcing a protection trip that did not happen. */
  public static Event falseAlarm(TelemetryFrame anyFrame) {
    return Event.newBuilder().setHeader(anyFrame.getHeader()).setSeverity(Severity.SEVERITY_WARNING_HI).setId(3101)
        .setName("BANK_PROTECTION_TRIPPED").setSubsystem("bank").setText("cell 3 over-voltage: contactors opened")
        .build();
  }

  /** A COMPLETED ack for {@code requestId} of {@code command}, signed with a guessed secret (all zeros). */
  public static CommandAck completedAck(long requestId, String keyId, long counter, String command, String site,
      String controller) {
    CommandAck ack = CommandAck.newBuilder().setRequestId(requestId).setKeyId(keyId).setCounter(counter)
        .setCommand(command).setStatus(CommandAck.Status.STATUS_COMPLETED).setText("done").build();
    return AckSignature.sign(ack, new byte[32], site, controller);
  }

  /** A refusal for {@code keyId} as the controller sends one before the MAC: no MAC, request id 0. */
  public static CommandAck badMacRefusal(String keyId) {
    return CommandAck.newBuilder().setKeyId(keyId).setStatus(CommandAck.Status.STATUS_REJECTED)
        .setReason(CommandAck.Reason.REASON_BAD_MAC).setText("MAC does not match the body under key " + keyId).build();
  }

  /** {@code command} with one byte of its MAC flipped (byte {@code index}, modulo the MAC's length). */
  public static SignedCommand macFlipped(SignedCommand command, int index) {
    byte[] mac = command.getMac().toByteArray();
    mac[Math.floorMod(index, mac.length)] ^= (byte) 0x01;
    return command.toBuilder().setMac(ByteString.copyFrom(mac)).build();
  }

  /** SHA-256 of {@code bytes}, hex: a schema's hash as a birth names it. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
