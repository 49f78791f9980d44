package space.lunarbase.station.ingest;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A topic of the site's tree split into its parts: {@code {root}/{site}/{controller}/{stream}}, the
 * stream being {@code state}, {@code schema}, {@code dictionary}, {@code tlm/<subsystem>}, {@code evt},
 * {@code ack}, {@code cmd} or {@code rebirth}. The controller's key is {@code site/controller}.
 */
public record TopicName(String site, String controllerId, String stream) {

  private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern STREAM = Pattern.compile("state|schema|dictionary|evt|ack|cmd|rebirth|tlm/[a-z0-9_-]{1,64}");

  /** The topic's parts, when it belongs to the tree under {@code root} and names a known stream. */
  public static Optional<TopicName> parse(String root, String topic) {
    if (!topic.startsWith(root + "/")) {
      return Optional.empty();
    }
    String[] parts = topic.substring(root.length() + 1).split("/", 3);
    if (parts.length < 3 || !ID.matcher(parts[0]).matches() || !ID.matcher(parts[1]).matches()
        || !STREAM.matcher(parts[2]).matches()) {
      return Optional.empty();
    }
    return Optional.of(new TopicName(parts[0], parts[1], parts[2]));
  }

  /** {@code site/controller}. */
  public String controller() {
    return site + "/" + controllerId;
  }

  /** The subsystem of a {@code tlm/<subsystem>} stream, else empty. */
  public String subsystem() {
    return stream.startsWith("tlm/") ? stream.substring(4) : "";
  }
}
