package space.lunarbase.ground.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.lunarbase.wire.Topic;

/**
 * Notices loss and restarts in what one watcher receives: the last (boot count, sequence) per topic
 * and the last boot count per controller. A sequence that skips numbers is a {@link Gap}; a new boot
 * count is a {@link Reboot}; a sequence at or below one already seen in the same boot (a QoS 1
 * duplicate, or reordering) is {@link OutOfOrder} and does not move the tracker back.
 *
 * <p>Sequence 0 means "not sequenced" (the last will): it is checked for its boot count only.
 * Historical frames (replayed from a controller's journal) keep their old numbers and so fill gaps
 * rather than open them: they are not tracked at all. The first message on a topic sets its start.
 *
 * <p>{@link #isRepeat} remembers which (controller, topic, boot, sequence) have been seen (the last
 * {@value #REMEMBERED} of them), so that a historical copy of a frame that already arrived live (the
 * controller journals what the broker did not acknowledge, and some of that did get through) is
 * recognised and left out.
 */
public final class SequenceTracker {

  /** Something an operator should notice between two messages. */
  public sealed interface Marker permits Gap, Reboot, OutOfOrder {}

  /** On {@code topic}, {@code expected} was next but {@code got} came: {@link #lost()} are missing. */
  public record Gap(String topic, long expected, long got) implements Marker {
    /** How many messages are missing. */
    public long lost() {
      return got - expected;
    }
  }

  /** The controller ({@code site/controller}) started again: its boot count changed. */
  public record Reboot(String controller, long fromBoot, long toBoot) implements Marker {}

  /** On {@code topic}, {@code got} came after {@code last} had already been seen in the same boot. */
  public record OutOfOrder(String topic, long got, long last) implements Marker {}

  private record Position(long boot, long sequence) {}

  /** How many sequenced messages {@link #isRepeat} remembers. */
  static final int REMEMBERED = 100_000;

  private final Map<String, Position> topics = new HashMap<>();
  private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  /**
   * Remembers a sequenced message; true when the same (controller, topic, boot, sequence) was seen
   * before, live or historical. Unsequenced messages (sequence 0) are never repeats.
   */
  public boolean isRepeat(Topic topic, Envelope header) {
    if (header.sequence() == 0) {
      return false;
    }
    String key = topic + " " + Long.toUnsignedString(header.bootCount()) + " "
        + Long.toUnsignedString(header.sequence());
    return seen.put(key, Boolean.TRUE) != null;
  }
  private final Map<String, Long> boots = new HashMap<>();

  /** Records one message's header; returns the markers it raises, in the order to show them. */
  public List<Marker> observe(Topic topic, Envelope header) {
    if (header.historical()) {
      return List.of();
    }
    List<Marker> markers = new ArrayList<>(1);
    long boot = header.bootCount();
    Long knownBoot = boots.put(topic.controllerPath(), boot);
    if (knownBoot != null && knownBoot != boot) {
      markers.add(new Reboot(topic.controllerPath(), knownBoot, boot));
    }
    long sequence = header.sequence();
    if (sequence == 0) {
      return markers;
    }
    String key = topic.toString();
    Position last = topics.get(key);
    if (last != null) {
      long expected = last.boot() == boot ? last.sequence() + 1 : 1;
      if (last.boot() == boot && sequence < expected) {
        markers.add(new OutOfOrder(key, sequence, last.sequence()));
        return markers;
      }
      if (sequence > expected) {
        markers.add(new Gap(key, expected, sequence));
      }
    }
    topics.put(key, new Position(boot, sequence));
    return markers;
  }
}
