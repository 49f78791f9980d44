package space.lunarbase.wire;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One concrete topic of the lunarbase wire protocol, {@code lunarbase/v1/{site}/{controller}/{kind}[/{subsystem}]}:
 * site and controller are {@code [a-z0-9-]{1,64}}, a subsystem {@code [a-z0-9_-]{1,64}}; {@code tlm} takes
 * a subsystem and no other kind does. Anything else (wildcards, empty or extra levels, upper case, an
 * unknown kind, an oversize topic) is refused with the reason, so a topic that parses names exactly one
 * stream of one controller. {@link Topics} builds the topics and filters a client uses.
 *
 * @param site site id
 * @param controller controller id
 * @param kind what the topic carries
 * @param subsystem the subsystem of a {@code tlm} topic, {@code null} for every other kind
 */
public record Topic(String site, String controller, Kind kind, String subsystem) {

  /** The first two levels of every topic, without the trailing slash. */
  public static final String ROOT = "lunarbase/v1";
  /** The first two levels of every topic. */
  public static final String PREFIX = ROOT + "/";
  /** Characters of the longest topic a parser looks at (the longest valid one is shorter). */
  public static final int MAX_LENGTH = 256;

  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern SUBSYSTEM = Pattern.compile("[a-z0-9_-]{1,64}");

  /** Who publishes on a topic of a kind. */
  public enum Direction {
    /** The controller publishes it. */
    FROM_CONTROLLER,
    /** Operators (lunarctl, the rig, a bridge) publish it; the controller reads it. */
    TO_CONTROLLER
  }

  /** The last level(s) of a topic: what the controller publishes (or receives) there. */
  public enum Kind {
    /** Retained birth and death ({@code ControllerState}). */
    STATE(Direction.FROM_CONTROLLER),
    /** Retained protobuf descriptor set the controller speaks. */
    SCHEMA(Direction.FROM_CONTROLLER),
    /** Retained command/telemetry dictionary. */
    DICTIONARY(Direction.FROM_CONTROLLER),
    /** Telemetry frames of one subsystem ({@code tlm/{subsystem}}). */
    TLM(Direction.FROM_CONTROLLER),
    /** Events. */
    EVT(Direction.FROM_CONTROLLER),
    /** Signed commands. */
    CMD(Direction.TO_CONTROLLER),
    /** Command acknowledgements. */
    ACK(Direction.FROM_CONTROLLER),
    /** Requests to publish the retained topics again. */
    REBIRTH(Direction.TO_CONTROLLER);

    private final Direction direction;

    Kind(Direction direction) {
      this.direction = direction;
    }

    /** Who publishes on topics of this kind. */
    public Direction direction() {
      return direction;
    }

    /** The topic level, e.g. {@code tlm}. */
    public String level() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind whose level is {@code level}, if any. */
    public static Optional<Kind> ofLevel(String level) {
      for (Kind kind : values()) {
        if (kind.level().equals(level)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  /** Checks the parts; throws {@link IllegalArgumentException} for any that break the scheme. */
  public Topic {
    requireId("site", site);
    requireId("controller", controller);
    if (kind == null) {
      throw new IllegalArgumentException("kind is missing");
    }
    if (kind == Kind.TLM) {
      if (subsystem == null || !SUBSYSTEM.matcher(subsystem).matches()) {
        throw new IllegalArgumentException("subsystem '" + shown(subsystem) + "' is not [a-z0-9_-]{1,64}");
      }
    } else if (subsystem != null) {
      throw new IllegalArgumentException(kind.level() + " takes no subsystem");
    }
  }

  /** The topic of {@code kind} (not {@code tlm}) of one controller. */
  public static Topic of(String site, String controller, Kind kind) {
    return new Topic(site, controller, kind, null);
  }

  /** The telemetry topic of {@code subsystem} of one controller. */
  public static Topic telemetry(String site, String controller, String subsystem) {
    return new Topic(site, controller, Kind.TLM, subsystem);
  }

  /**
   * Parses a concrete topic (no wildcards) under {@link #ROOT}.
   *
   * @throws IllegalArgumentException with the reason when {@code topic} is not a lunarbase/v1 topic
   */
  public static Topic parse(String topic) {
    return parse(ROOT, topic);
  }

  /**
   * Parses a concrete topic under {@code root} (e.g. {@code replay/lunarbase/v1}, no trailing slash).
   *
   * @throws IllegalArgumentException with the reason when {@code topic} is not such a topic
   */
  public static Topic parse(String root, String topic) {
    String prefix = root + "/";
    if (topic == null || !topic.startsWith(prefix)) {
      throw new IllegalArgumentException("not a " + prefix + " topic");
    }
    if (topic.length() > root.length() + MAX_LENGTH) {
      throw new IllegalArgumentException("topic longer than " + MAX_LENGTH + " characters");
    }
    String[] levels = topic.substring(prefix.length()).split("/", -1);
    if (levels.length < 3 || levels.length > 4) {
      throw new IllegalArgumentException("expected " + prefix + "{site}/{controller}/{kind}[/{subsystem}]");
    }
    Kind kind = Kind.ofLevel(levels[2])
        .orElseThrow(() -> new IllegalArgumentException("unknown kind '" + levels[2] + "'"));
    if (kind == Kind.TLM && levels.length == 3) {
      throw new IllegalArgumentException("tlm topic without a subsystem");
    }
    return new Topic(levels[0], levels[1], kind, levels.length == 4 ? levels[3] : null);
  }

  /** Like {@link #parse(String)} but empty instead of throwing. */
  public static Optional<Topic> tryParse(String topic) {
    return tryParse(ROOT, topic);
  }

  /** Like {@link #parse(String, String)} but empty instead of throwing. */
  public static Optional<Topic> tryParse(String root, String topic) {
    try {
      return Optional.of(parse(root, topic));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code site/controller}: which controller, as operators name it. */
  public String controllerPath() {
    return site + "/" + controller;
  }

  /** What follows the controller: {@code state}, {@code tlm/bank}, ... */
  public String stream() {
    return subsystem == null ? kind.level() : kind.level() + "/" + subsystem;
  }

  /** The full topic. */
  @Override
  public String toString() {
    return PREFIX + controllerPath() + "/" + stream();
  }

  private static void requireId(String what, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " '" + shown(value) + "' is not [a-z0-9-]{1,64}");
    }
  }

  /** A value for an error message: hostile input is cut short. */
  static String shown(String value) {
    return value == null || value.length() <= 64 ? String.valueOf(value) : value.substring(0, 64) + "...";
  }
}
