package space.lunarbase.fleet;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.wire.Topic;
import space.lunarbase.wire.Topic.Kind;

/**
 * The receiving side's account of a site's streams: for every controller, stream and boot, which
 * sequence numbers arrived, how many more than once (a copy flagged historical is a replay, one
 * that is not is a fault), and how old each live message was on arrival (receive time less the
 * header's sample time). Fed from an MQTT client's callback; thread-safe.
 */
public final class DeliveryCheck {

  private static final long MAX_AGE_NS = 600_000_000_000L;
  /** Streams without a header: the retained schema and dictionary, and what others send to a controller. */
  private static final java.util.Set<Kind> UNSEQUENCED = java.util.Set.of(Kind.SCHEMA, Kind.DICTIONARY, Kind.CMD,
      Kind.REBIRTH);

  private final Map<Key, Stream> streams = new HashMap<>();
  private final Histogram ages = new Histogram(MAX_AGE_NS, 3);
  private long messages;
  private long undecodable;

  /** A stream of one controller in one boot. */
  public record Key(String controller, String stream, long boot) {}

  /**
   * What arrived on one stream.
   *
   * @param received distinct sequence numbers received
   * @param highest the highest received
   * @param holes numbers below the highest never received
   * @param replayedCopies copies of an already received number flagged historical
   * @param unflaggedDuplicates copies of an already received number not flagged historical
   */
  public record Tally(long received, long highest, long holes, long replayedCopies, long unflaggedDuplicates) {}

  private static final class Stream {
    final BitSet seen = new BitSet();
    long highest;
    long replayedCopies;
    long unflaggedDuplicates;
  }

  /** One message as it arrived at {@code receivedNanos} (UTC nanoseconds). */
  public synchronized void accept(String topic, byte[] payload, long receivedNanos) {
    Optional<Topic> parsed = Topic.tryParse(topic);
    if (parsed.isEmpty() || UNSEQUENCED.contains(parsed.get().kind())) {
      return;
    }
    Optional<Header> decoded = header(payload);
    if (decoded.isEmpty()) {
      undecodable++;
      return;
    }
    Header header = decoded.get();
    if (header.getSequence() == 0) {
      return; // the last will, composed before it is needed: outside every sequence
    }
    messages++;
    Stream stream = streams.computeIfAbsent(new Key(parsed.get().controllerPath(), parsed.get().stream(),
        header.getBootCount()), k -> new Stream());
    int sequence = (int) Math.min(Integer.MAX_VALUE, header.getSequence());
    if (stream.seen.get(sequence)) {
      if (header.getHistorical()) {
        stream.replayedCopies++;
      } else {
        stream.unflaggedDuplicates++;
      }
    } else {
      stream.seen.set(sequence);
      stream.highest = Math.max(stream.highest, sequence);
    }
    if (!header.getHistorical()) {
      long age = receivedNanos - header.getSampleTimeNs();
      ages.recordValue(Math.max(0, Math.min(MAX_AGE_NS, age)));
    }
  }

  /** The header (field 1 of every message the controllers send), if the payload has one. */
  static Optional<Header> header(byte[] payload) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(payload);
      int tag;
      while ((tag = in.readTag()) != 0) {
        if (WireFormat.getTagFieldNumber(tag) == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
          return Optional.of(Header.parseFrom(in.readBytes()));
        }
        in.skipField(tag);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Every stream's tally. */
  public synchronized Map<Key, Tally> tallies() {
    Map<Key, Tally> tallies = new HashMap<>();
    streams.forEach((key, s) -> {
      long received = s.seen.cardinality();
      tallies.put(key, new Tally(received, s.highest, s.highest - received, s.replayedCopies, s.unflaggedDuplicates));
    });
    return tallies;
  }

  /** Distinct messages received, all streams. */
  public synchronized long distinct() {
    return streams.values().stream().mapToLong(s -> s.seen.cardinality()).sum();
  }

  /** Messages received with a sequence number, copies included. */
  public synchronized long messages() {
    return messages;
  }

  /** Payloads on a controller's stream without a readable header. */
  public synchronized long undecodable() {
    return undecodable;
  }

  /** The age of live messages on arrival at {@code percentile} (0..100), in milliseconds. */
  public synchronized double ageMillis(double percentile) {
    return ages.getValueAtPercentile(percentile) / 1e6;
  }

  /** Forgets the ages so far (after a warm-up), keeping the sequence account. */
  public synchronized void resetAges() {
    ages.reset();
  }

  /**
   * What is wrong against what the controllers say they sent ({@code sent}: controller
   * {@code site/id} → stream → last sequence number, all of the current boot {@code boots}): a
   * stream missing, a hole, a number short of the last sent, an unflagged duplicate; empty if
   * nothing.
   */
  public synchronized List<String> problems(Map<String, Map<String, Long>> sent, Map<String, Long> boots) {
    List<String> problems = new ArrayList<>();
    Map<Key, Tally> tallies = tallies();
    sent.forEach((controller, byStream) -> byStream.forEach((stream, last) -> {
      Key key = new Key(controller, stream, boots.getOrDefault(controller, 0L));
      Tally tally = tallies.get(key);
      if (tally == null) {
        problems.add(controller + " " + stream + ": nothing received of " + last + " sent");
        return;
      }
      if (tally.received() != last || tally.highest() != last) {
        problems.add("%s %s: %d of %d received (highest %d, %d holes)".formatted(controller, stream, tally.received(),
            last, tally.highest(), tally.holes()));
      }
      if (tally.unflaggedDuplicates() > 0) {
        problems.add("%s %s: %d duplicates not flagged historical".formatted(controller, stream,
            tally.unflaggedDuplicates()));
      }
    }));
    return problems;
  }
}
