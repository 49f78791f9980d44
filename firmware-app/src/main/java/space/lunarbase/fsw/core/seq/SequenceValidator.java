package space.lunarbase.fsw.core.seq;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import space.lunarbase.fsw.config.SequenceSettings;
import space.lunarbase.fsw.core.command.Args;
import space.lunarbase.fsw.core.command.CommandChecks;
import space.lunarbase.fsw.core.command.ContentCheck;
import space.lunarbase.fsw.core.command.Rejection;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SequenceEntry;

/**
 * Judges an uploaded sequence, the content check of {@code seq.LOAD}. In order, the first failing
 * check is the verdict, its text naming the entry at fault ({@code entry 3 (bank.X): ...}):
 *
 * <ol>
 *   <li>MALFORMED: the bytes are not a {@code Sequence}, or it (or an entry, or an argument) has
 *       unknown fields;
 *   <li>BAD_ARGUMENT: a name that is not {@code [A-Za-z0-9_.-]{1,64}}, no entries, an unknown
 *       failure policy; OUT_OF_RANGE: more than {@code max-entries} entries;
 *   <li>for each entry: BAD_ARGUMENT without a time; OUT_OF_RANGE for an absolute time in the past
 *       (at load) or more than {@link #HORIZON} ahead, or relative times adding up to more than
 *       that; BAD_ARGUMENT for an absolute time before an earlier absolute entry's, or a
 *       {@code seq.*} command (a sequence does not command sequences); then the entry's command as
 *       if the uploading key had sent it ({@link CommandChecks#content}): UNKNOWN_COMMAND,
 *       WRONG_ROLE (the uploader's role must be allowed every entry's command), BAD_ARGUMENT,
 *       OUT_OF_RANGE; and BAD_ARGUMENT for a command that is never a sequence entry
 *       ({@link CommandChecks#sequenceEntry}: rail.FIRE).
 * </ol>
 *
 * The mode of an entry's subsystem is not judged here: it is checked when the entry runs.
 */
@Singleton
public final class SequenceValidator {

  /** How far ahead an entry may be: absolute times, and relative times added up. */
  public static final Duration HORIZON = Duration.ofDays(400);

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final SequenceSettings settings;
  private final SequenceTime clock;

  public SequenceValidator(SequenceSettings settings, SequenceTime clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** What {@link #validate} made of a sequence. */
  public sealed interface Validation {
    /** Fit to load. */
    record Valid(SequencePlan plan) implements Validation {}

    /** Refused, with the reason and the entry at fault. */
    record Invalid(Rejection rejection) implements Validation {}
  }

  /** The content check of seq.LOAD: the {@code sequence} argument, judged now. */
  Optional<Rejection> check(Args args, ContentCheck.Sender sender, CommandChecks checks) {
    return switch (validate(args.data(SequenceCommands.SEQUENCE_ARG), sender, checks, true)) {
      case Validation.Valid valid -> Optional.empty();
      case Validation.Invalid invalid -> Optional.of(invalid.rejection());
    };
  }

  /**
   * Judges {@code bytes} as a sequence uploaded by {@code sender}.
   *
   * @param checkPast whether an absolute time in the past is refused (at load; not when a kept
   *     sequence is loaded again after a restart, where seq.RUN refuses it instead)
   */
  public Validation validate(ByteString bytes, ContentCheck.Sender sender, CommandChecks checks, boolean checkPast) {
    Sequence sequence;
    try {
      sequence = Sequence.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return invalid(Reason.REASON_MALFORMED, "sequence is not a Sequence: " + e.getMessage());
    }
    if (unknownFields(sequence)) {
      return invalid(Reason.REASON_MALFORMED, "sequence has unknown fields");
    }
    if (!NAME.matcher(sequence.getName()).matches()) {
      return invalid(Reason.REASON_BAD_ARGUMENT, "sequence name must be 1 to 64 of A-Z, a-z, 0-9, '_', '.' and '-',"
          + " was '" + printable(sequence.getName()) + "'");
    }
    if (sequence.getOnFailure() == Sequence.OnFailure.UNRECOGNIZED) {
      return invalid(Reason.REASON_BAD_ARGUMENT, "sequence '" + sequence.getName() + "': unknown on_failure "
          + sequence.getOnFailureValue() + " (0 STOP, 1 CONTINUE)");
    }
    int count = sequence.getEntriesCount();
    if (count == 0) {
      return invalid(Reason.REASON_BAD_ARGUMENT, "sequence '" + sequence.getName() + "' has no entries");
    }
    if (count > settings.maxEntries()) {
      return invalid(Reason.REASON_OUT_OF_RANGE, "sequence '" + sequence.getName() + "' has " + count
          + " entries, at most " + settings.maxEntries() + " (lunarbase.sequences.max-entries)");
    }
    Instant now = clock.instant();
    Instant horizon = now.plus(HORIZON);
    Duration relativeSum = Duration.ZERO;
    Instant lastAbsolute = null;
    int lastAbsoluteNumber = 0;
    for (int i = 0; i < count; i++) {
      SequenceEntry entry = sequence.getEntries(i);
      int number = i + 1;
      String where = "entry " + number + " (" + printable(entry.getCommand()) + "): ";
      switch (entry.getTimeCase()) {
        case TIME_NOT_SET -> {
          return invalid(Reason.REASON_BAD_ARGUMENT, where + "has no time (absolute_ns or relative_ns)");
        }
        case RELATIVE_NS -> {
          long nanos = entry.getRelativeNs();
          if (nanos < 0 || nanos > HORIZON.toNanos()) {
            return invalid(Reason.REASON_OUT_OF_RANGE, where + "relative time " + Long.toUnsignedString(nanos)
                + " ns is more than " + HORIZON.toDays() + " days");
          }
          relativeSum = relativeSum.plusNanos(nanos);
          if (relativeSum.compareTo(HORIZON) > 0) {
            return invalid(Reason.REASON_OUT_OF_RANGE, where + "the relative times up to here add up to more than "
                + HORIZON.toDays() + " days");
          }
        }
        case ABSOLUTE_NS -> {
          long nanos = entry.getAbsoluteNs();
          Instant time = SequencePlan.instant(nanos);
          if (nanos < 0 || time.isAfter(horizon)) {
            return invalid(Reason.REASON_OUT_OF_RANGE, where + "time " + time + " is more than " + HORIZON.toDays()
                + " days ahead");
          }
          if (checkPast && !time.isAfter(now)) {
            return invalid(Reason.REASON_OUT_OF_RANGE, where + "time " + time + " is in the past (now " + now + ", "
                + Timeline.seconds(Duration.between(time, now)) + " ago)");
          }
          if (lastAbsolute != null && time.isBefore(lastAbsolute)) {
            return invalid(Reason.REASON_BAD_ARGUMENT, where + "time " + time + " is before entry "
                + lastAbsoluteNumber + "'s " + lastAbsolute + ": entries run in order");
          }
          lastAbsolute = time;
          lastAbsoluteNumber = number;
        }
      }
      if (entry.getCommand().startsWith(SequenceCommands.SUBSYSTEM + ".")) {
        return invalid(Reason.REASON_BAD_ARGUMENT, where + "a sequence cannot run " + SequenceCommands.SUBSYSTEM
            + ".* commands");
      }
      if (entry.getArgsMap().values().stream().anyMatch(SequenceValidator::unknownFields)) {
        return invalid(Reason.REASON_MALFORMED, where + "an argument has unknown fields");
      }
      Optional<Rejection> refused = switch (checks.content(entry.getCommand(), entry.getArgsMap(), sender)) {
        case CommandChecks.Result.Refused r -> Optional.of(r.rejection());
        case CommandChecks.Result.Passed passed -> checks.sequenceEntry(passed.spec());
      };
      if (refused.isPresent()) {
        return new Validation.Invalid(new Rejection(refused.get().reason(), where + refused.get().text()));
      }
    }
    return new Validation.Valid(SequencePlan.of(sequence, bytes));
  }

  private static boolean unknownFields(Message message) {
    if (!message.getUnknownFields().asMap().isEmpty()) {
      return true;
    }
    if (message instanceof Sequence sequence) {
      return sequence.getEntriesList().stream().anyMatch(SequenceValidator::unknownFields);
    }
    return false;
  }

  private static Validation invalid(Reason reason, String text) {
    return new Validation.Invalid(new Rejection(reason, text));
  }

  /** At most 64 characters, control characters as '?': for echoing input. */
  static String printable(String text) {
    String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
