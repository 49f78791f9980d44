package space.lunarbase.station.ingest;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.SignedCommand;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * How a controller's messages are decoded: with the {@code FileDescriptorSet} it publishes on its
 * {@code schema} topic ({@link DynamicMessage}s, so fields of a newer firmware are archived too), or
 * with the station's compiled classes when its schema is the one the station was built with (the
 * fast path) or none has arrived yet.
 */
public final class Codec {

  /** The station's compiled classes. */
  public static final Codec BUILTIN = new Codec(Schema.hash(), Map.of(
      ControllerState.getDescriptor().getFullName(), ControllerState.getDefaultInstance(),
      TelemetryFrame.getDescriptor().getFullName(), TelemetryFrame.getDefaultInstance(),
      Event.getDescriptor().getFullName(), Event.getDefaultInstance(),
      CommandAck.getDescriptor().getFullName(), CommandAck.getDefaultInstance(),
      SignedCommand.getDescriptor().getFullName(), SignedCommand.getDefaultInstance(),
      CommandBody.getDescriptor().getFullName(), CommandBody.getDefaultInstance()), Map.of());

  private final String hash;
  private final Map<String, Message> compiled;
  private final Map<String, Descriptor> descriptors;

  private Codec(String hash, Map<String, Message> compiled, Map<String, Descriptor> descriptors) {
    this.hash = hash;
    this.compiled = compiled;
    this.descriptors = descriptors;
  }

  /**
   * The codec for a schema topic's payload: {@link #BUILTIN} when it is the station's own schema.
   *
   * @throws IllegalArgumentException when the bytes are not a usable descriptor set, for a person
   */
  public static Codec fromDescriptorSet(byte[] bytes) {
    String hash = sha256(bytes);
    if (hash.equals(BUILTIN.hash)) {
      return BUILTIN;
    }
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a FileDescriptorSet: " + e.getMessage());
    }
    if (set.getFileCount() == 0) {
      throw new IllegalArgumentException("not a FileDescriptorSet (no files)");
    }
    Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
    set.getFileList().forEach(file -> protos.put(file.getName(), file));
    Map<String, FileDescriptor> built = new HashMap<>();
    Map<String, Descriptor> messages = new HashMap<>();
    for (String name : protos.keySet()) {
      for (Descriptor type : build(name, protos, built, new ArrayList<>()).getMessageTypes()) {
        collect(type, messages);
      }
    }
    return new Codec(hash, Map.of(), Map.copyOf(messages));
  }

  private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
      Map<String, FileDescriptor> built, List<String> path) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      throw new IllegalArgumentException("the set lacks " + name
          + (path.isEmpty() ? "" : " (imported by " + path.getLast() + ")"));
    }
    if (path.contains(name)) {
      throw new IllegalArgumentException("import cycle through " + name);
    }
    path.add(name);
    FileDescriptor[] dependencies = proto.getDependencyList().stream()
        .map(dependency -> build(dependency, protos, built, path)).toArray(FileDescriptor[]::new);
    path.removeLast();
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new IllegalArgumentException(name + " is not a valid schema: " + e.getMessage());
    }
  }

  private static void collect(Descriptor type, Map<String, Descriptor> messages) {
    messages.put(type.getFullName(), type);
    type.getNestedTypes().forEach(nested -> collect(nested, messages));
  }

  /**
   * Parses {@code payload} as the message type {@code fullName}.
   *
   * @throws InvalidProtocolBufferException when the bytes are not such a message
   * @throws IllegalArgumentException when this schema has no such type
   */
  public Message parse(String fullName, byte[] payload) throws InvalidProtocolBufferException {
    Message prototype = compiled.get(fullName);
    if (prototype != null) {
      return prototype.getParserForType().parseFrom(payload);
    }
    Descriptor type = descriptors.get(fullName);
    if (type == null) {
      throw new IllegalArgumentException("schema " + shortHash() + " has no " + fullName);
    }
    return DynamicMessage.parseFrom(type, payload);
  }

  /** SHA-256 of the serialized set (a birth's {@code schema_hash}). */
  public String hash() {
    return hash;
  }

  public String shortHash() {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
