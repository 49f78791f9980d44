package space.lunarbase.ground.cli;

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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.RebirthRequest;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The message types lunarctl decodes with: either the {@code FileDescriptorSet} a controller
 * publishes (retained) on its {@code schema} topic, decoded into {@link DynamicMessage}s, or, until
 * one has arrived, the classes compiled into lunarctl ({@link #BUILTIN}).
 */
public final class WireSchema {

  /** lunarctl's compiled classes: the fallback when a controller's schema is not (yet) known. */
  public static final WireSchema BUILTIN = new WireSchema(Schema.hash(), false, Schema.descriptorSet().getFileCount(),
      Map.of(
          ControllerState.getDescriptor().getFullName(), ControllerState.getDefaultInstance(),
          TelemetryFrame.getDescriptor().getFullName(), TelemetryFrame.getDefaultInstance(),
          Event.getDescriptor().getFullName(), Event.getDefaultInstance(),
          RebirthRequest.getDescriptor().getFullName(), RebirthRequest.getDefaultInstance()),
      Map.of());

  private final String hash;
  private final boolean dynamic;
  private final int files;
  private final Map<String, Message> compiled;
  private final Map<String, Descriptor> descriptors;

  private WireSchema(String hash, boolean dynamic, int files, Map<String, Message> compiled,
      Map<String, Descriptor> descriptors) {
    this.hash = hash;
    this.dynamic = dynamic;
    this.files = files;
    this.compiled = compiled;
    this.descriptors = descriptors;
  }

  /**
   * The schema in a serialized {@code FileDescriptorSet} (every import included).
   *
   * @throws IllegalArgumentException when the bytes are not such a set, for a person
   */
  public static WireSchema fromDescriptorSet(byte[] bytes) {
    FileDescriptorSet set;
    try {
      set = FileDescriptorSet.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not a FileDescriptorSet: " + e.getMessage());
    }
    if (set.getFileCount() == 0 || !set.getUnknownFields().asMap().isEmpty()) {
      throw new IllegalArgumentException("not a FileDescriptorSet (no files)");
    }
    Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
    set.getFileList().forEach(file -> protos.put(file.getName(), file));
    Map<String, FileDescriptor> built = new HashMap<>();
    Map<String, Descriptor> messages = new HashMap<>();
    for (String name : protos.keySet()) {
      for (Descriptor type : build(name, protos, built, List.of()).getMessageTypes()) {
        collect(type, messages);
      }
    }
    return new WireSchema(sha256(bytes), true, set.getFileCount(), Map.of(), Map.copyOf(messages));
  }

  private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
      Map<String, FileDescriptor> built, List<String> path) {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      throw new IllegalArgumentException("the set lacks " + name + " (imported by " + path.getLast() + ")");
    }
    if (path.contains(name)) {
      throw new IllegalArgumentException("import cycle through " + name);
    }
    List<String> deeper = new java.util.ArrayList<>(path);
    deeper.add(name);
    FileDescriptor[] dependencies = proto.getDependencyList().stream()
        .map(dependency -> build(dependency, protos, built, deeper)).toArray(FileDescriptor[]::new);
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
   * Parses {@code payload} as the message type {@code fullName} (e.g. {@code lunarbase.v1.Event}).
   *
   * @throws IllegalArgumentException when this schema has no such type
   */
  public Message parse(String fullName, byte[] payload) throws InvalidProtocolBufferException {
    if (dynamic) {
      Descriptor type = descriptors.get(fullName);
      if (type == null) {
        throw new IllegalArgumentException("schema " + shortHash() + " has no " + fullName);
      }
      return DynamicMessage.parseFrom(type, payload);
    }
    Message prototype = compiled.get(fullName);
    if (prototype == null) {
      throw new IllegalArgumentException("lunarctl has no compiled " + fullName);
    }
    return prototype.getParserForType().parseFrom(payload);
  }

  /** True for a controller's published schema, false for {@link #BUILTIN}. */
  public boolean isDynamic() {
    return dynamic;
  }

  /** SHA-256 of the serialized set, lower-case hex (as a birth's {@code schema_hash} names it). */
  public String hash() {
    return hash;
  }

  /** The first 12 hex digits of the hash. */
  public String shortHash() {
    return shortHash(hash);
  }

  /** How many files the set holds. */
  public int files() {
    return files;
  }

  /** How many message types (nested ones included) the set declares; 0 for {@link #BUILTIN}. */
  public int messageTypes() {
    return descriptors.size();
  }

  /** The first 12 characters of a hash (all of it when shorter). */
  static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return dynamic ? "schema " + shortHash() : "built-in schema v" + Schema.VERSION;
  }
}
