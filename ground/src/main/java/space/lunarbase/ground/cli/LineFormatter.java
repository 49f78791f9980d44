package space.lunarbase.ground.cli;

import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.SequenceTracker.Marker;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.wire.Topic;

/** Renders what a watch sees as single lines (no line breaks inside): for people or for tools. */
public interface LineFormatter {

  /** A decoded message. */
  String message(Arrival arrival, Decoded decoded);

  /** A controller's schema (its {@code schema} topic), when new for that controller. */
  String schema(Arrival arrival, Topic topic, WireSchema schema);

  /** A controller's dictionary (its {@code dictionary} topic), one its birth names. */
  String dictionary(Arrival arrival, Topic topic, Dictionary dictionary);

  /** Learns a controller's dictionary: frames are named by it from then on (channels from the first frame). */
  default void learn(String controller, Dictionary dictionary) {}

  /** A payload that is not a message of the schema, and why. */
  String undecodable(Arrival arrival, String reason);

  /** A gap, reboot or reordering noticed between messages. */
  String marker(Marker marker);
}
