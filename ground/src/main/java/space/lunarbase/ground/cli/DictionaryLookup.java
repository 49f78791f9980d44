package space.lunarbase.ground.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import space.lunarbase.ground.cli.BrokerSession.BrokerUnavailable;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.wire.Topic;

/**
 * A controller's dictionary as it publishes it, retained on {@code dictionary}: fetched with its
 * retained birth on {@code state}, and used only when its SHA-256 is the birth's
 * {@code dictionary_hash}. An older controller publishes none; a dictionary not retained yet, or
 * one its birth does not name, is {@link Absent} with the reason, never a guess.
 */
final class DictionaryLookup {

  /** What was found. */
  sealed interface Result {}

  /** The controller's own dictionary. */
  record Found(Dictionary dictionary) implements Result {}

  /** None usable, and why (for one stderr line). */
  record Absent(String why) implements Result {}

  private DictionaryLookup() {}

  /**
   * Connects, subscribes to the controller's {@code state} and {@code dictionary} and waits up to
   * {@code wait} for their retained copies, but only {@code birthWait} for the birth (a broker sends
   * retained copies right after it grants the subscription), and not at all for a dictionary the
   * birth does not name.
   */
  static Result fetch(BrokerOption broker, String site, String controller, Duration birthWait, Duration wait,
                      Clock clock) throws BrokerUnavailable {
    Topic state = new Topic(site, controller, Topic.Kind.STATE, null);
    Topic dictionary = new Topic(site, controller, Topic.Kind.DICTIONARY, null);
    BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    byte[] birth = null;
    byte[] published = null;
    try (BrokerSession session = BrokerSession.connect(broker, inbox, clock, BrokerSession.connectTimeout(wait))) {
      session.subscribe(state.toString());
      session.subscribe(dictionary.toString());
      long start = System.nanoTime();
      long deadline = start + wait.toNanos();
      long birthDeadline = start + Math.min(birthWait.toNanos(), wait.toNanos());
      while (birth == null || published == null) {
        if (birth != null && birthNamesNone(birth)) {
          break;
        }
        long until = birth == null ? birthDeadline : deadline;
        Inbound next = inbox.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) {
          break;
        }
        if (next instanceof Inbound.Arrival arrival) {
          if (arrival.topic().equals(state.toString())) {
            birth = arrival.payload();
          } else if (arrival.topic().equals(dictionary.toString())) {
            published = arrival.payload();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Absent("interrupted");
    }
    return judge(birth, published);
  }

  /** The dictionary in {@code published} if the birth {@code birth} names its SHA-256; else why not. */
  static Result judge(byte[] birth, byte[] published) {
    if (birth == null) {
      return new Absent("no retained birth");
    }
    ControllerState state;
    try {
      state = ControllerState.parseFrom(birth);
    } catch (InvalidProtocolBufferException e) {
      return new Absent("its birth cannot be read");
    }
    if (state.getDictionaryHash().isEmpty()) {
      return new Absent("its birth names none");
    }
    if (published == null) {
      return new Absent("its dictionary is not retained yet");
    }
    if (!sha256(published).equals(state.getDictionaryHash())) {
      return new Absent("the retained dictionary is not the one its birth names");
    }
    try {
      return new Found(Dictionary.parseFrom(published));
    } catch (InvalidProtocolBufferException e) {
      return new Absent("its dictionary cannot be read");
    }
  }

  private static boolean birthNamesNone(byte[] birth) {
    try {
      return ControllerState.parseFrom(birth).getDictionaryHash().isEmpty();
    } catch (InvalidProtocolBufferException e) {
      return true;
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
