package space.lunarbase.ground.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Inbound.Arrival;
import space.lunarbase.ground.cli.SequenceTracker.Gap;
import space.lunarbase.ground.cli.SequenceTracker.Marker;
import space.lunarbase.ground.cli.SequenceTracker.OutOfOrder;
import space.lunarbase.ground.cli.SequenceTracker.Reboot;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.wire.Topic;

/**
 * The human line: sample time (UTC, ms), controller, stream, then what matters of the message, e.g.
 * {@code 2026-11-30T03:40:01.123Z lunar-south/bank-ctl-1 tlm/bank #42 boot 3 bank=bank-1 V=12.345
 * I=9.998 P=123.4 GOOD}. Flags in brackets at the end: retained, historical, a header naming another
 * controller than the topic, a schema version other than this build's (when decoded with the
 * built-in schema). Markers start with {@code !!}.
 *
 * <p>Fields are read by their schema names ({@link Fields}), so a message decoded with a
 * controller's published schema ({@link com.google.protobuf.DynamicMessage}) prints exactly as a
 * compiled one does.
 */
public final class FrameFormatter implements LineFormatter {

  private final ChannelLines channels = new ChannelLines();

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Override
  public String message(Arrival arrival, Decoded decoded) {
    Envelope header = decoded.header();
    Message message = decoded.message();
    StringBuilder line = new StringBuilder()
        .append(time(header == null ? arrival.receivedAt() : header.sampleTime())).append(' ')
        .append(decoded.topic().controllerPath()).append(' ')
        .append(decoded.topic().stream()).append(' ');
    switch (message.getDescriptorForType().getName()) {
      case "TelemetryFrame" -> line.append(sequence(header)).append(payload(decoded.topic().controllerPath(), message))
          .append(batches(message));
      case "ControllerState" -> line.append(state(message));
      case "Event" -> line.append(sequence(header)).append(event(message));
      case "RebirthRequest" -> line.append("rebirth requested").append(quoted(" reason=", Fields.string(message, "reason")));
      default -> line.append(TextFormat.printer().emittingSingleLine(true).printToString(message));
    }
    appendFlags(line, arrival, decoded);
    return line.toString();
  }

  @Override
  public String schema(Arrival arrival, Topic topic, WireSchema schema) {
    return time(arrival.receivedAt()) + " " + topic.controllerPath() + " schema " + schema.shortHash() + " ("
        + schema.files() + " files, " + schema.messageTypes() + " message types)" + (arrival.retained() ? " (retained)" : "");
  }

  @Override
  public String dictionary(Arrival arrival, Topic topic, Dictionary dictionary) {
    return time(arrival.receivedAt()) + " " + topic.controllerPath() + " dictionary v" + dictionary.getVersion() + " ("
        + dictionary.getCommandsCount() + " commands, " + dictionary.getChannelsCount() + " channels, "
        + dictionary.getEventsCount() + " events, " + dictionary.getParametersCount() + " parameters)"
        + (arrival.retained() ? " (retained)" : "");
  }

  @Override
  public void learn(String controller, Dictionary dictionary) {
    channels.learn(controller, dictionary);
  }

  @Override
  public String undecodable(Arrival arrival, String reason) {
    return "%s %s undecodable (%d bytes): %s".formatted(time(arrival.receivedAt()), arrival.topic(),
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

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  private static String sequence(Envelope header) {
    return "#" + Long.toUnsignedString(header.sequence()) + " boot " + header.boot() + " ";
  }

  private String payload(String controller, Message frame) {
    FieldDescriptor payload = Fields.oneof(frame, "payload");
    if (payload == null) {
      return "no payload";
    }
    Message body = (Message) frame.getField(payload);
    return switch (payload.getName()) {
      case "bank" -> bank(body);
      case "tracker" -> tracker(body);
      case "rail" -> rail(body);
      case "link" -> link(body);
      case "shot" -> shot(body);
      case "core" -> core(body);
      case "params" -> params(body);
      case "seq" -> seq(body);
      case "channels" -> channels.line(controller, body);
      default -> payload.getName() + " " + TextFormat.printer().emittingSingleLine(true).printToString(body);
    };
  }

  /** {@code core fast 100Hz late p99=180us overruns=1 | medium 10Hz ...}: each rate group's timing. */
  private static String core(Message core) {
    StringBuilder text = new StringBuilder("core");
    String separator = " ";
    for (Object item : Fields.list(core, "groups")) {
      Message group = (Message) item;
      text.append(separator).append(Fields.string(group, "name"))
          .append(String.format(Locale.ROOT, " %sHz", trim(Fields.number(group, "rate_hz"))))
          .append(" late p99=").append(Fields.integer(group, "lateness_p99_us")).append("us")
          .append(" exec p99=").append(Fields.integer(group, "exec_p99_us")).append("us")
          .append(" overruns=").append(Fields.integer(group, "overruns"));
      separator = " | ";
    }
    return text.toString();
  }

  /** {@code params bank.charge-current-limit-a=100 A (default) ...}, and which one changed. */
  private static String params(Message params) {
    StringBuilder text = new StringBuilder("params");
    for (Object item : Fields.list(params, "parameters")) {
      Message parameter = (Message) item;
      text.append(' ').append(Fields.string(parameter, "name")).append('=')
          .append(value(Fields.message(parameter, "value")));
      String unit = Fields.string(parameter, "unit");
      if (!unit.isEmpty()) {
        text.append(' ').append(unit);
      }
      text.append(" (").append(Fields.enumName(parameter, "source", "SOURCE_").toLowerCase(Locale.ROOT)).append(')');
    }
    return text.append(quoted(" changed=", Fields.string(params, "changed"))).toString();
  }

  /**
   * {@code seq 1 'night' RUNNING 3/12 next #4 at 2026-12-01T10:00:05.000Z last #3 COMPLETED | 2 'spare'
   * LOADED 0/5 (2 idle) changed=1}: every slot that holds a sequence, how far it is, what comes next
   * and how the last entry ended (with its reason when it failed); the idle slots counted.
   */
  private static String seq(Message seq) {
    StringBuilder text = new StringBuilder("seq");
    String separator = " ";
    int idle = 0;
    for (Object item : Fields.list(seq, "slots")) {
      Message slot = (Message) item;
      String state = Fields.enumName(slot, "state", "STATE_");
      if (state.equals("IDLE")) {
        idle++;
        continue;
      }
      text.append(separator).append(Fields.integer(slot, "slot")).append(" '")
          .append(oneLine(Fields.string(slot, "name"))).append("' ").append(state).append(' ')
          .append(Fields.integer(slot, "entries_done")).append('/').append(Fields.integer(slot, "entries_total"));
      String failed = Fields.integer(slot, "entries_failed");
      if (!failed.equals("0")) {
        text.append(" failed=").append(failed);
      }
      String next = Fields.integer(slot, "next_entry");
      if (!next.equals("0")) {
        text.append(" next #").append(next).append(" at ").append(time(nanosToInstant(Fields.longValue(slot, "next_due_ns"))));
      }
      Message last = Fields.message(slot, "last");
      if (last != null && Fields.has(slot, "last")) {
        String outcome = Fields.enumName(last, "outcome", "OUTCOME_");
        String reason = Fields.enumName(last, "reason", "REASON_");
        text.append(" last #").append(Fields.integer(last, "entry")).append(' ').append(outcome);
        if (!reason.isEmpty() && !reason.equals("NONE")) {
          text.append(' ').append(reason);
        }
      }
      separator = " | ";
    }
    if (idle > 0) {
      text.append(" (").append(idle).append(" idle)");
    }
    String changed = Fields.integer(seq, "changed_slot");
    return text.append(changed.equals("0") ? "" : " changed=" + changed).toString();
  }

  private static Instant nanosToInstant(long nanos) {
    return Instant.ofEpochSecond(Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L));
  }

  /** A command/parameter {@code Value}: whichever of its kinds is set. */
  private static String value(Message value) {
    FieldDescriptor kind = Fields.oneof(value, "kind");
    return kind == null ? "?" : String.valueOf(value.getField(kind));
  }

  private static String trim(double number) {
    return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
  }

  private static String bank(Message bank) {
    return String.format(Locale.ROOT, "bank=%s V=%.3f I=%.3f P=%.1f %s%s", Fields.string(bank, "bank_id"),
        Fields.number(bank, "pack_voltage_v"), Fields.number(bank, "pack_current_a"),
        Fields.number(bank, "pack_power_w"), quality(bank), quoted(" fault=", Fields.string(bank, "fault")));
  }

  /** {@code tracker=t-1 az=181.20->182.00 el=35.50 err=0.42 sun=valid motors=on NOMINAL}: degrees; "->" the target when not there yet. */
  private static String tracker(Message tracker) {
    Message azimuth = Fields.message(tracker, "azimuth");
    Message elevation = Fields.message(tracker, "elevation");
    Message sun = Fields.message(tracker, "sun_sensor");
    StringBuilder text = new StringBuilder("tracker=").append(Fields.string(tracker, "tracker_id"))
        .append(" az=").append(axis(azimuth))
        .append(" el=").append(axis(elevation))
        .append(String.format(Locale.ROOT, " err=%.2f", Fields.number(tracker, "pointing_error_deg")))
        .append(" sun=").append(sun != null && Fields.bool(sun, "valid") ? "valid" : "invalid")
        .append(" motors=").append(Fields.bool(tracker, "motors_enabled") ? "on" : "off");
    String mode = Fields.enumName(tracker, "mode", "MODE_");
    if (!mode.isEmpty() && !mode.equals("UNSPECIFIED")) {
      text.append(' ').append(mode);
    }
    List<String> problems = new ArrayList<>();
    problem(problems, "az", azimuth);
    problem(problems, "el", elevation);
    problem(problems, "sun", sun);
    if (!problems.isEmpty()) {
      text.append(" [").append(String.join("; ", problems)).append(']');
    }
    return text.toString();
  }

  private static String axis(Message axis) {
    if (axis == null) {
      return "?";
    }
    double angle = Fields.number(axis, "angle_deg");
    double target = Fields.number(axis, "target_deg");
    String text = String.format(Locale.ROOT, "%.2f", angle);
    String towards = String.format(Locale.ROOT, "%.2f", target);
    return text.equals(towards) ? text : text + "->" + towards;
  }

  /** A part whose quality is neither GOOD nor unset: {@code az FAILED "no encoder"}. */
  private static void problem(List<String> problems, String part, Message message) {
    if (message == null) {
      return;
    }
    String quality = quality(message);
    if (!quality.equals("GOOD") && !quality.equals("UNSPECIFIED")) {
      problems.add(part + " " + quality + quoted(" ", Fields.string(message, "fault")));
    }
  }

  /** {@code rail=rail-1 ARMED breech=latched clear=yes arm=on permit=off fifo=3 GOOD}. */
  private static String rail(Message rail) {
    return "rail=" + Fields.string(rail, "rail_id")
        + " " + Fields.enumName(rail, "sequence", "SEQUENCE_")
        + " breech=" + (Fields.bool(rail, "breech_latched") ? "latched" : "open")
        + " clear=" + (Fields.bool(rail, "rail_clear") ? "yes" : "no")
        + " arm=" + onOff(Fields.bool(rail, "arm_output"))
        + " permit=" + onOff(Fields.bool(rail, "fire_permit_output"))
        + " fifo=" + Fields.integer(rail, "fifo_depth") + (Fields.bool(rail, "fifo_overflow") ? " OVERFLOW" : "")
        + " " + quality(rail) + quoted(" fault=", Fields.string(rail, "fault"));
  }

  /**
   * {@code link OK outbox=3/256 journal=12 replayed=40 reconnects=2 published=900}, losses, drops and
   * takeovers when any, and the failure's reason when FAILED.
   */
  private static String link(Message link) {
    StringBuilder text = new StringBuilder("link ").append(Fields.enumName(link, "status", "STATUS_"))
        .append(" outbox=").append(Fields.integer(link, "outbox_depth")).append('/')
        .append(Fields.integer(link, "outbox_capacity"))
        .append(" journal=").append(Fields.integer(link, "journal_pending"))
        .append(" replayed=").append(Fields.integer(link, "replayed"))
        .append(" reconnects=").append(Fields.integer(link, "reconnects"))
        .append(" published=").append(Fields.integer(link, "published"));
    for (String counter : List.of("outbox_dropped", "journal_dropped", "journal_corrupt", "garbage_received",
        "inbound_oversize", "inbound_retained", "takeovers", "outbound_too_large")) {
      String value = Fields.integer(link, counter);
      if (!value.equals("0")) {
        text.append(' ').append(counter.replace('_', '-')).append('=').append(value);
      }
    }
    return text.append(quoted(" failure=", Fields.string(link, "failure"))).toString();
  }

  /** {@code shot payload=p-7 exit=1234.5m/s target=1250.0m/s gates=8 anomalies: "..."}. */
  private static String shot(Message shot) {
    StringBuilder text = new StringBuilder("shot payload=").append(Fields.string(shot, "payload_id"))
        .append(String.format(Locale.ROOT, " exit=%.1fm/s target=%.1fm/s", Fields.number(shot, "exit_speed_mps"),
            Fields.number(shot, "target_speed_mps")))
        .append(" gates=").append(Fields.list(shot, "gates").size());
    List<?> anomalies = Fields.list(shot, "anomalies");
    if (!anomalies.isEmpty()) {
      text.append(" anomalies:");
      anomalies.forEach(anomaly -> text.append(" \"").append(oneLine(String.valueOf(anomaly))).append('"'));
    }
    return text.toString();
  }

  /** {@code  +2 batches: pack_voltage_v x100 11.9..12.4, pack_current_a x100 -0.1..0.2}, or "" without batches. */
  private static String batches(Message frame) {
    List<?> batches = Fields.list(frame, "batches");
    if (batches.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Object item : batches) {
      Message batch = (Message) item;
      List<?> values = Fields.list(batch, "value");
      StringBuilder part = new StringBuilder(oneLine(Fields.string(batch, "channel"))).append(" x").append(values.size());
      if (!values.isEmpty()) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Object value : values) {
          double v = ((Number) value).doubleValue();
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        part.append(' ').append(compact(min)).append("..").append(compact(max));
      }
      parts.add(part.toString());
    }
    return " +" + batches.size() + (batches.size() == 1 ? " batch: " : " batches: ") + String.join(", ", parts);
  }

  /** {@code EVT WARNING_HI link/JOURNAL_DROPPED_OLDEST [1001] text (+3 suppressed)}. */
  private static String event(Message event) {
    String subsystem = Fields.string(event, "subsystem");
    String suppressed = Fields.integer(event, "suppressed");
    return "EVT " + Fields.enumName(event, "severity", "SEVERITY_") + " "
        + (subsystem.isEmpty() ? "" : oneLine(subsystem) + "/") + oneLine(Fields.string(event, "name"))
        + " [" + Fields.integer(event, "id") + "] " + oneLine(Fields.string(event, "text"))
        + (suppressed.equals("0") ? "" : " (+" + suppressed + " suppressed)");
  }

  private static String state(Message state) {
    Message header = Fields.message(state, "header");
    StringBuilder text = new StringBuilder()
        .append(Fields.enumName(state, "status", "STATUS_"))
        .append(" boot ").append(Fields.integer(state, "boot_count"))
        .append(" fw ").append(Fields.string(state, "firmware_version").isEmpty() ? "?" : Fields.string(state, "firmware_version"))
        .append(" schema v").append(header == null ? "?" : Fields.integer(header, "schema_version"));
    text.append(quoted(" reason=", Fields.string(state, "reason")));
    return text.toString();
  }

  private static void appendFlags(StringBuilder line, Arrival arrival, Decoded decoded) {
    Envelope header = decoded.header();
    Topic topic = decoded.topic();
    if (header != null) {
      if (!header.siteId().equals(topic.site()) || !header.controllerId().equals(topic.controller())) {
        line.append(" (header says ").append(oneLine(header.siteId())).append('/')
            .append(oneLine(header.controllerId())).append(')');
      }
      if (!decoded.schema().isDynamic() && header.schemaVersion() != Schema.VERSION
          && !decoded.message().getDescriptorForType().getName().equals("ControllerState")) {
        line.append(" (schema v").append(header.schemaVersion()).append(", lunarctl knows v")
            .append(Schema.VERSION).append(')');
      }
      if (header.historical()) {
        line.append(" (historical)");
      }
    }
    if (arrival.retained()) {
      line.append(" (retained)");
    }
  }

  private static String quality(Message message) {
    return Fields.enumName(message, "quality", "QUALITY_");
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }

  /** {@code label"text"} with the text on one line, or "" for an empty text. */
  private static String quoted(String label, String text) {
    return text.isEmpty() ? "" : label + "\"" + oneLine(text) + "\"";
  }

  /** At most 4 significant digits, no trailing zeros: 12.4, 0.0015, 850. */
  static String compact(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** Keeps a sender's free text on one line. */
  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace('\r', ' ');
  }
}
