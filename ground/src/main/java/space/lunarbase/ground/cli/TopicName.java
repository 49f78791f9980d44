package space.lunarbase.ground.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A topic of the lunarbase wire protocol, {@code lunarbase/v1/{site}/{controller}/{kind}[/{sub}]}:
 * ids are {@code [a-z0-9-]+}, {@code tlm} takes a subsystem and no other kind does. Anything else is
 * rejected, so a topic that parses names exactly one stream of one controller.
 *
 * @param site site id
 * @param controller controller id
 * @param kind what the topic carries
 * @param subsystem the subsystem of a {@code tlm} topic, {@code null} for every other kind
 */
public record TopicName(String site, String controller, Kind kind, String subsystem) {

  /** The first two levels of every topic. */
  public static final String PREFIX = "lunarbase/v1/";

  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

  /** The last level(s) of a topic: what the controller publishes (or receives) there. */
  public enum Kind {
    STATE, SCHEMA, DICTIONARY, TLM, EVT, CMD, ACK, REBIRTH;

    /** The topic level, e.g. {@code tlm}. */
    public String level() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Kind> ofLevel(String level) {
      for (Kind kind : values()) {
        if (kind.level().equals(level)) {
          return Optional.of(kind);
        }
      }
      return Optional.empty();
    }
  }

  /** Checks the parts; throws {@link IllegalArgumentException} for any that break the scheme. */
  public TopicName {
    requireId("site", site);
    requireId("controller", controller);
    if (kind == null) {
      throw new IllegalArgumentException("kind is missing");
    }
    if (kind == Kind.TLM) {
      requireId("subsystem", subsystem);
    } else if (subsystem != null) {
      throw new IllegalArgumentException(kind.level() + " takes no subsystem");
    }
  }

  /**
   * Parses a concrete topic (no wildcards).
   *
   * @throws IllegalArgumentException with the reason when {@code topic} is not a lunarbase/v1 topic
   */
  public static TopicName parse(String topic) {
    if (topic == null || !topic.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a " + PREFIX + " topic");
    }
    String[] levels = topic.substring(PREFIX.length()).split("/", -1);
    if (levels.length < 3 || levels.length > 4) {
      throw new IllegalArgumentException("expected " + PREFIX + "{site}/{controller}/{kind}[/{subsystem}]");
    }
    Kind kind = Kind.ofLevel(levels[2])
        .orElseThrow(() -> new IllegalArgumentException("unknown kind '" + levels[2] + "'"));
    if (kind == Kind.TLM && levels.length == 3) {
      throw new IllegalArgumentException("tlm topic without a subsystem");
    }
    return new TopicName(levels[0], levels[1], kind, levels.length == 4 ? levels[3] : null);
  }

  /** Like {@link #parse} but empty instead of throwing. */
  public static Optional<TopicName> tryParse(String topic) {
    try {
      return Optional.of(parse(topic));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code site/controller}: which controller, as operators name it. */
  public String controllerPath() {
    return site + "/" + controller;
  }

  /** What follows the controller: {@code state}, {@code tlm/bank}, ... */
  public String suffix() {
    return subsystem == null ? kind.level() : kind.level() + "/" + subsystem;
  }

  /** The full topic. */
  @Override
  public String toString() {
    return PREFIX + controllerPath() + "/" + suffix();
  }

  private static void requireId(String what, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " '" + value + "' is not [a-z0-9-]+");
    }
  }
}
