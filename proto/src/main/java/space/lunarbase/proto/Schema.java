package space.lunarbase.proto;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.CoreTelemetry;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.ParameterTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The wire schema as a whole: its version number and the {@link FileDescriptorSet} of every
 * message a controller sends, with all imports included, so that a client holding only these bytes
 * can decode any frame (protoc --decode, protobufjs, DynamicMessage).
 */
public final class Schema {

  /** Raised by hand whenever a message changes shape on the wire. Carried in every header. */
  public static final int VERSION = 1;

  private static final FileDescriptorSet DESCRIPTOR_SET =
      build(List.of(ControllerState.getDescriptor().getFile(), TelemetryFrame.getDescriptor().getFile(),
          Event.getDescriptor().getFile(), CommandAck.getDescriptor().getFile(),
          CoreTelemetry.getDescriptor().getFile(), ParameterTelemetry.getDescriptor().getFile(),
          Dictionary.getDescriptor().getFile()));

  private static final String HASH = sha256(DESCRIPTOR_SET.toByteArray());

  private Schema() {}

  /** The descriptors of every file a sent message needs, dependencies first. */
  public static FileDescriptorSet descriptorSet() {
    return DESCRIPTOR_SET;
  }

  /** SHA-256 of the serialized descriptor set, lower-case hex: a receiver's cache key. */
  public static String hash() {
    return HASH;
  }

  private static FileDescriptorSet build(List<FileDescriptor> roots) {
    Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
    roots.forEach(root -> collect(root, files));
    return FileDescriptorSet.newBuilder().addAllFile(files.values()).build();
  }

  private static void collect(FileDescriptor file, Map<String, FileDescriptorProto> files) {
    if (files.containsKey(file.getName())) {
      return;
    }
    file.getDependencies().forEach(dependency -> collect(dependency, files));
    files.put(file.getName(), file.toProto());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** For logs: the version and the first 12 hex digits of the hash. */
  public static String summary() {
    return "v" + VERSION + " " + HASH.substring(0, 12);
  }
}
