package space.lunarbase.ground.cli;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.SequenceTracker.Gap;
import space.lunarbase.ground.cli.SequenceTracker.Marker;
import space.lunarbase.ground.cli.SequenceTracker.OutOfOrder;
import space.lunarbase.ground.cli.SequenceTracker.Reboot;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * The human line: sample time (UTC, ms), controller, stream, then what matters of the message, e.g.
 * {@code 2026-11-30T03:40:01.123Z lunar-south/bank-ctl-1 tlm/bank #42 boot 3 bank=bank-1 V=12.345
 * I=9.998 P=123.4 GOOD}. Flags in brackets at the end: retained, historical, a header naming another
 * controller than the topic, a schema version other than this build's. Markers start with {@code !!}.
 */
public final class FrameFormatter implements LineFormatter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Override
  public String message(Arrival arrival, Decoded decoded) {
    Header header = decoded.header();
    StringBuilder line = new StringBuilder()
        .append(TIME.format(sampleTime(header))).append(' ')
        .append(decoded.topic().controllerPath()).append(' ')
        .append(decoded.topic().suffix()).append(' ');
    switch (decoded.message()) {
      case TelemetryFrame frame -> line.append('#').append(header.getSequence())
          .append(" boot ").append(header.getBootCount()).append(' ').append(payload(frame));
      case ControllerState state -> line.append(state(state));
      default -> line.append(TextFormat.printer().shortDebugString(decoded.message()));
    }
    appendFlags(line, arrival, decoded);
    return line.toString();
  }

  @Override
  public String undecodable(Arrival arrival, String reason) {
    return "%s %s undecodable (%d bytes): %s".formatted(TIME.format(arrival.receivedAt()), arrival.topic(),
        arrival.payload().length, reason);
  }

  @Override
  public String marker(Marker marker) {
    return switch (marker) {
      case Gap gap -> "!! gap on %s: expected #%d, got #%d (%d lost)"
          .formatted(gap.topic(), gap.expected(), gap.got(), gap.lost());
      case Reboot reboot -> "!! reboot of %s: boot %d -> %d"
          .formatted(reboot.controller(), reboot.fromBoot(), reboot.toBoot());
      case OutOfOrder late -> "!! out of order on %s: #%d after #%d"
          .formatted(late.topic(), late.got(), late.last());
    };
  }

  /** The instant of {@code sample_time_ns} (unsigned nanoseconds since 1970, UTC). */
  static Instant sampleTime(Header header) {
    long nanos = header.getSampleTimeNs();
    return Instant.ofEpochSecond(Long.divideUnsigned(nanos, 1_000_000_000L),
        Long.remainderUnsigned(nanos, 1_000_000_000L));
  }

  private static String payload(TelemetryFrame frame) {
    return switch (frame.getPayloadCase()) {
      case BANK -> bank(frame.getBank());
      case PAYLOAD_NOT_SET -> "no payload";
      default -> frame.getPayloadCase().name().toLowerCase(Locale.ROOT) + " "
          + TextFormat.printer().shortDebugString((Message) frame.getField(
              frame.getOneofFieldDescriptor(TelemetryFrame.getDescriptor().getOneofs().getFirst())));
    };
  }

  private static String bank(BankTelemetry bank) {
    return String.format(Locale.ROOT, "bank=%s V=%.3f I=%.3f P=%.1f %s%s", bank.getBankId(), bank.getPackVoltageV(),
        bank.getPackCurrentA(), bank.getPackPowerW(), quality(bank.getQuality()), fault(bank.getFault()));
  }

  private static String state(ControllerState state) {
    StringBuilder text = new StringBuilder()
        .append(strip(state.getStatus().name(), "STATUS_"))
        .append(" boot ").append(state.getBootCount())
        .append(" fw ").append(state.getFirmwareVersion().isEmpty() ? "?" : state.getFirmwareVersion())
        .append(" schema v").append(state.getHeader().getSchemaVersion());
    if (!state.getReason().isEmpty()) {
      text.append(" reason=\"").append(oneLine(state.getReason())).append('"');
    }
    return text.toString();
  }

  private static void appendFlags(StringBuilder line, Arrival arrival, Decoded decoded) {
    Header header = decoded.header();
    TopicName topic = decoded.topic();
    if (!header.getSiteId().equals(topic.site()) || !header.getControllerId().equals(topic.controller())) {
      line.append(" (header says ").append(oneLine(header.getSiteId())).append('/')
          .append(oneLine(header.getControllerId())).append(')');
    }
    if (header.getSchemaVersion() != Schema.VERSION && !(decoded.message() instanceof ControllerState)) {
      line.append(" (schema v").append(header.getSchemaVersion()).append(", lunarctl knows v")
          .append(Schema.VERSION).append(')');
    }
    if (header.getHistorical()) {
      line.append(" (historical)");
    }
    if (arrival.retained()) {
      line.append(" (retained)");
    }
  }

  private static String quality(Quality quality) {
    return strip(quality.name(), "QUALITY_");
  }

  private static String fault(String fault) {
    return fault.isEmpty() ? "" : " fault=\"" + oneLine(fault) + "\"";
  }

  private static String strip(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  /** Keeps a sender's free text on one line. */
  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
