package space.lunarbase.hil.rig;

import com.google.protobuf.TextFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.Value;

/**
 * One thing the rig saw or did, in the order it happened: what the controller published (decoded),
 * and what the rig itself did to it (commands, faults, broker and process actions, clock changes).
 */
public sealed interface Observation {

  /** The header of a message the controller published; empty for the rig's own actions. */
  default Optional<Header> header() {
    return Optional.empty();
  }

  /** A one-line description for failure messages and the report. */
  String describe();

  /** A {@code TelemetryFrame} on {@code tlm/<subsystem>} ({@code stream} is {@code tlm/bank} etc.). */
  record Telemetry(String stream, TelemetryFrame frame) implements Observation {
    @Override
    public Optional<Header> header() {
      return Optional.of(frame.getHeader());
    }

    @Override
    public String describe() {
      return stream + " " + headerText(frame.getHeader()) + " " + shorten(TextFormat.shortDebugString(
          frame.toBuilder().clearHeader().build()), 240);
    }
  }

  /** An {@code Event} on {@code evt}. */
  record EventSeen(Event event) implements Observation {
    @Override
    public Optional<Header> header() {
      return Optional.of(event.getHeader());
    }

    @Override
    public String describe() {
      return "evt " + headerText(event.getHeader()) + " " + event.getSeverity().name().replace("SEVERITY_", "")
          + " " + event.getSubsystem() + "/" + event.getName() + " [" + event.getId() + "] " + event.getText()
          + (event.getSuppressed() > 0 ? " (+" + event.getSuppressed() + " suppressed)" : "");
    }
  }

  /** A {@code CommandAck} on {@code ack}. */
  record AckSeen(CommandAck ack) implements Observation {
    @Override
    public Optional<Header> header() {
      return Optional.of(ack.getHeader());
    }

    @Override
    public String describe() {
      return "ack " + ack.getStatus().name().replace("STATUS_", "")
          + (ack.getReason() == CommandAck.Reason.REASON_NONE ? "" : " " + ack.getReason().name().replace("REASON_", ""))
          + " " + (ack.getCommand().isEmpty() ? "(unauthenticated)" : ack.getCommand()) + " key "
          + ack.getKeyId() + " counter " + ack.getCounter() + " request " + Long.toUnsignedString(ack.getRequestId())
          + (ack.getText().isEmpty() ? "" : ": " + ack.getText()) + (ack.getMac().isEmpty() ? " (no MAC)" : "");
    }
  }

  /** A {@code ControllerState} on {@code state}: a birth, or a death (last will or clean stop). */
  record StateSeen(ControllerState state, boolean retained) implements Observation {
    @Override
    public Optional<Header> header() {
      return Optional.of(state.getHeader());
    }

    @Override
    public String describe() {
      return "state " + state.getStatus().name().replace("STATUS_", "") + " boot " + state.getBootCount()
          + (state.getReason().isEmpty() ? "" : " (" + state.getReason() + ")") + (retained ? " (retained)" : "");
    }
  }

  /** Bytes on one of the controller's topics that did not decode. */
  record Undecodable(String topic, int bytes, String error) implements Observation {
    @Override
    public String describe() {
      return "undecodable " + topic + " (" + bytes + " bytes): " + error;
    }
  }

  /** A command the rig's operator published (signed or deliberately not). */
  record CommandSent(String command, Map<String, Value> args, String keyId, long counter, long requestId,
      String label) implements Observation {
    public CommandSent {
      args = Map.copyOf(args);
    }

    @Override
    public String describe() {
      String arguments = args.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> e.getKey() + "=" + shorten(TextFormat.shortDebugString(e.getValue()), 40))
          .collect(Collectors.joining(" "));
      return "cmd " + command + (arguments.isEmpty() ? "" : " " + arguments) + " key " + keyId + " counter "
          + counter + " request " + Long.toUnsignedString(requestId) + (label.isEmpty() ? "" : " [" + label + "]");
    }
  }

  /** Something the rig did: a fault, a broker or process action, a clock change. */
  record RigAction(String what) implements Observation {
    @Override
    public String describe() {
      return "rig: " + what;
    }
  }

  /** {@code #seq boot b} and {@code (historical)} if so. */
  static String headerText(Header h) {
    return "#" + h.getSequence() + " boot " + h.getBootCount() + (h.getHistorical() ? " (historical)" : "");
  }

  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
