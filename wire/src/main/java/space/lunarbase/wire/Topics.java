package space.lunarbase.wire;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import space.lunarbase.wire.Topic.Direction;
import space.lunarbase.wire.Topic.Kind;

/**
 * Builds the topic strings and filters of the wire protocol: an instance is one controller's tree
 * ({@code lunarbase/v1/{site}/{controller}/{stream}}, what the firmware publishes and subscribes to);
 * the static methods give the filters clients subscribe to and broker ACLs grant. {@link Topic}
 * parses a concrete topic back into its parts.
 */
public final class Topics {

  /** The stream of the retained birth and death. */
  public static final String STATE = Kind.STATE.level();
  /** Every topic of the protocol: {@code lunarbase/v1/#}. */
  public static final String EVERYTHING = Topic.PREFIX + "#";

  /** A filter level: an id, or the single-level wildcard. */
  private static final Pattern LEVEL = Pattern.compile("[a-z0-9-]{1,64}|\\+");
  private static final Pattern SUBSYSTEM = Pattern.compile("[a-z0-9_-]{1,64}");

  private final String root;

  /** The tree of controller {@code controller} of {@code site} (ids {@code [a-z0-9-]{1,64}}). */
  public Topics(String site, String controller) {
    Topic.of(site, controller, Kind.STATE); // checks both ids
    this.root = prefix(site, controller);
  }

  /** The full topic of a stream such as {@code state} or {@code tlm/bank}. */
  public String of(String stream) {
    return root + stream;
  }

  /** The full topic of a kind that takes no subsystem. */
  public String of(Kind kind) {
    if (kind == Kind.TLM) {
      throw new IllegalArgumentException("tlm takes a subsystem: of(telemetry(subsystem))");
    }
    return root + kind.level();
  }

  /** {@code lunarbase/v1/{site}/{controller}/#}: everything of this controller. */
  public String all() {
    return root + "#";
  }

  /** The telemetry stream of a subsystem: {@code tlm/{subsystem}}. */
  public static String telemetry(String subsystem) {
    if (subsystem == null || !SUBSYSTEM.matcher(subsystem).matches()) {
      throw new IllegalArgumentException("subsystem '" + subsystem + "' is not [a-z0-9_-]{1,64}");
    }
    return Kind.TLM.level() + "/" + subsystem;
  }

  /**
   * {@code lunarbase/v1/{site}/{controller}/}, either level an id or {@code +}: what a controller's
   * (or, with wildcards, several controllers') streams follow.
   */
  public static String prefix(String site, String controller) {
    return Topic.PREFIX + level("site", site) + "/" + level("controller", controller) + "/";
  }

  /** {@code lunarbase/v1/{site}/#}: everything of one site. */
  public static String site(String site) {
    return Topic.PREFIX + level("site", site) + "/#";
  }

  /** {@code lunarbase/v1/{site}/{controller}/{kind}}, either level an id or {@code +}; {@code tlm/#} for TLM. */
  public static String filter(String site, String controller, Kind kind) {
    return prefix(site, controller) + streams(kind);
  }

  /** The stream filters below a controller's prefix that {@code direction} covers, in {@link Kind} order. */
  public static List<String> streams(Direction direction) {
    return Arrays.stream(Kind.values()).filter(k -> k.direction() == direction).map(Topics::streams).toList();
  }

  private static String streams(Kind kind) {
    return kind == Kind.TLM ? kind.level() + "/#" : kind.level();
  }

  private static String level(String what, String value) {
    if (value == null || !LEVEL.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " '" + Topic.shown(value) + "' is not [a-z0-9-]{1,64} or +");
    }
    return value;
  }
}
