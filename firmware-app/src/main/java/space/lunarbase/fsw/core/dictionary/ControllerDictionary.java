package space.lunarbase.fsw.core.dictionary;

import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import space.lunarbase.fsw.core.channel.ChannelSpec;
import space.lunarbase.fsw.core.channel.LimitMonitor;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandRegistry;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.ContentCheck;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.command.Safing;
import space.lunarbase.fsw.core.event.EventArg;
import space.lunarbase.fsw.core.event.EventCatalogue;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.proto.v1.ArgInfo;
import space.lunarbase.proto.v1.ArgType;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.EventArgInfo;
import space.lunarbase.proto.v1.EventInfo;
import space.lunarbase.proto.v1.ParameterInfo;

/**
 * This controller's dictionary: every command, channel, event and parameter as its registries hold
 * them, built once at start (the registries are fixed by then). Published retained on
 * {@code dictionary}; its SHA-256 goes in the birth.
 */
@Singleton
public final class ControllerDictionary {

  /** The shape of {@link Dictionary} this firmware writes. */
  public static final int VERSION = 1;
  /** The command that sets parameters: its roles are who may set an ordinary parameter. */
  static final String SET_PARAM = "core.SET_PARAM";

  private final Dictionary dictionary;
  private final byte[] bytes;
  private final String hash;

  public ControllerDictionary(CommandRegistry commands, LimitMonitor channels, EventCatalogue events,
                              Parameters parameters) {
    Dictionary.Builder built = Dictionary.newBuilder().setVersion(VERSION);
    commands.all().values().forEach(spec -> built.addCommands(command(spec)));
    // in the limit monitor's order: the order of tlm/channels' catalogue, so a receiver can name values by it
    channels.specs().forEach(spec -> built.addChannels(channel(spec)));
    events.kinds().forEach(kind -> built.addEvents(event(kind)));
    Set<Role> setters = commands.find(SET_PARAM).map(CommandSpec::roles).orElse(Set.of());
    parameters.all().stream().sorted(Comparator.comparing(e -> e.spec().name())).forEach(entry -> {
      boolean interlock = entry.spec().interlock();
      built.addParameters(ParameterInfo.newBuilder().setName(entry.spec().name()).setSummary(entry.spec().summary())
          .setValue(arg(entry.spec().value()))
          .addAllRoles(labels(interlock ? Set.of(Role.RANGE_SAFETY) : setters))
          .setProtected(interlock));
    });
    this.dictionary = built.build();
    this.bytes = dictionary.toByteArray();
    this.hash = sha256(bytes);
  }

  /** The dictionary. */
  public Dictionary dictionary() {
    return dictionary;
  }

  /** Its serialized bytes, as published (a fresh copy). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** SHA-256 of {@link #bytes()}, lower-case hex: the birth's {@code dictionary_hash}. */
  public String hash() {
    return hash;
  }

  private static CommandInfo command(CommandSpec spec) {
    CommandInfo.Builder info = CommandInfo.newBuilder().setName(spec.name()).setSummary(spec.summary())
        .addAllRoles(labels(spec.roles())).setSafing(safing(spec.safing()))
        .setContentCheck(spec.contentCheck() != ContentCheck.NONE);
    spec.args().forEach(a -> info.addArgs(arg(a)));
    spec.modes().stream().sorted().map(Mode::name).forEach(info::addModes);
    spec.traits().stream().sorted().map(Enum::name).forEach(info::addTraits);
    return info.build();
  }

  private static String safing(Safing safing) {
    return switch (safing) {
      case Safing.Never never -> "";
      case Safing.Always always -> "always";
      case Safing.WhenText when -> "when " + when.argument() + "=" + when.value();
    };
  }

  static ArgInfo arg(ArgSpec spec) {
    return ArgInfo.newBuilder().setName(spec.name()).setType(type(spec.type())).setUnit(spec.unit())
        .setMin(spec.min()).setMax(spec.max()).addAllChoices(spec.choices()).build();
  }

  private static ArgType type(ArgSpec.ArgType type) {
    return switch (type) {
      case NUMBER -> ArgType.ARG_TYPE_NUMBER;
      case INTEGER -> ArgType.ARG_TYPE_INTEGER;
      case FLAG -> ArgType.ARG_TYPE_FLAG;
      case TEXT -> ArgType.ARG_TYPE_TEXT;
      case DATA -> ArgType.ARG_TYPE_DATA;
    };
  }

  private static ChannelDef channel(ChannelSpec spec) {
    return ChannelDef.newBuilder().setName(spec.name()).setType(spec.type().name()).setUnit(spec.unit())
        .setYellowLow(spec.yellowLow()).setYellowHigh(spec.yellowHigh()).setRedLow(spec.redLow())
        .setRedHigh(spec.redHigh()).setPersistence(spec.persistence()).build();
  }

  private static EventInfo event(EventLog.Kind kind) {
    EventInfo.Builder info = EventInfo.newBuilder().setId(kind.id()).setName(kind.name())
        .setSubsystem(kind.subsystem()).setSeverity(kind.severity());
    for (EventArg arg : kind.args()) {
      info.addArgs(EventArgInfo.newBuilder().setName(arg.numbered() ? arg.name() + "_N" : arg.name())
          .setType(switch (arg.type()) {
            case NUMBER -> ArgType.ARG_TYPE_NUMBER;
            case INTEGER -> ArgType.ARG_TYPE_INTEGER;
            case FLAG -> ArgType.ARG_TYPE_FLAG;
            case TEXT -> ArgType.ARG_TYPE_TEXT;
          })
          .setUnit(arg.unit()).setOptional(arg.optional()));
    }
    return info.build();
  }

  private static List<String> labels(Set<Role> roles) {
    return roles.stream().sorted().map(Role::label).toList();
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
