package space.lunarbase.ground.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import space.lunarbase.ground.cli.CommandArgs.Arg;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SequenceEntry;

/**
 * A stored sequence written as text, one entry a line, for {@code lunarctl seq load} and
 * {@code seq check} (docs/subsystems/sequences.md has what the controller does with it):
 *
 * <pre>
 * # comments start with '#', at the start of a line or of a word
 * name night-charge               # required: [A-Za-z0-9_.-]{1,64}
 * on-failure continue             # stop (the default) or continue
 * +00:00:05     core.NOOP                                   # 5 s after seq.RUN
 * +2.5s         bank.SET_CHARGE_CURRENT amps=10.0            # 2.5 s after the entry above is due
 * 2026-12-01T10:00:00Z core.SET_MODE subsystem=bank mode=MAINTENANCE
 * +0            core.SET_PARAM name=bank.charge-current-limit-a value:text="30"
 * </pre>
 *
 * A time is {@code +HH:MM:SS[.fraction]} or {@code +<number>(ms|s|m|h)} (a plain {@code +0} too),
 * after the previous entry's time (the first: after seq.RUN); or an ISO-8601 instant with its zone
 * ({@code Z} or an offset), by the controller's clock. Arguments are written as for
 * {@code lunarctl send} ({@link CommandArgs}: {@code amps=10} is an integer, {@code amps=10.0} a
 * number); a value with spaces goes in double quotes ({@code "two words"}, {@code \"} and
 * {@code \\} inside). Only the form is checked here; the controller checks every entry against its
 * commands when the sequence is loaded.
 */
final class SequenceFile {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern COMMAND = Pattern.compile("[a-z]+\\.[A-Z][A-Z0-9_]*");
  private static final Pattern CLOCK = Pattern.compile("\\+(\\d+):([0-5]\\d):([0-5]\\d)(?:\\.(\\d{1,9}))?");
  private static final Pattern SHORT = Pattern.compile("\\+(\\d+(?:\\.\\d{1,9})?)(ms|s|m|h)?");

  /** The file cannot be used; the message names the file and line, for a person. */
  static final class BadSequenceFile extends Exception {
    BadSequenceFile(String message) {
      super(message);
    }
  }

  /**
   * One entry as written.
   *
   * @param line its line number in the file, from 1
   * @param time the time as written
   * @param args its arguments as parsed (kinds for printing)
   */
  record Line(int line, String time, String command, List<Arg> args) {}

  /** A parsed file: the sequence to upload and its entries as written. */
  record Parsed(Sequence sequence, List<Line> lines) {}

  private SequenceFile() {}

  /** Reads and parses {@code file}. */
  static Parsed read(Path file) throws BadSequenceFile {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new BadSequenceFile(file + ": is not UTF-8 text");
    } catch (IOException e) {
      throw new BadSequenceFile(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    return parse(text, file.toString());
  }

  /** Parses {@code text}; errors name {@code source} and the line. */
  static Parsed parse(String text, String source) throws BadSequenceFile {
    Sequence.Builder sequence = Sequence.newBuilder();
    List<Line> lines = new ArrayList<>();
    boolean named = false;
    boolean policy = false;
    String[] rows = text.split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      int number = i + 1;
      String where = source + ":" + number + ": ";
      List<String> words;
      try {
        words = words(rows[i]);
      } catch (IllegalArgumentException e) {
        throw new BadSequenceFile(where + e.getMessage());
      }
      if (words.isEmpty()) {
        continue;
      }
      String first = words.getFirst();
      switch (first) {
        case "name" -> {
          if (named) {
            throw new BadSequenceFile(where + "the name is given twice");
          }
          if (words.size() != 2 || !NAME.matcher(words.get(1)).matches()) {
            throw new BadSequenceFile(where + "write 'name <name>', the name 1 to 64 of A-Z, a-z, 0-9, '_', '.', '-'");
          }
          sequence.setName(words.get(1));
          named = true;
        }
        case "on-failure" -> {
          if (policy) {
            throw new BadSequenceFile(where + "on-failure is given twice");
          }
          if (words.size() != 2 || !List.of("stop", "continue").contains(words.get(1))) {
            throw new BadSequenceFile(where + "write 'on-failure stop' or 'on-failure continue'");
          }
          sequence.setOnFailure(words.get(1).equals("stop") ? Sequence.OnFailure.ON_FAILURE_STOP
              : Sequence.OnFailure.ON_FAILURE_CONTINUE);
          policy = true;
        }
        default -> {
          Line line = entry(words, number, where);
          lines.add(line);
          SequenceEntry.Builder entry = SequenceEntry.newBuilder().setCommand(line.command());
          setTime(entry, line.time(), where);
          line.args().forEach(a -> entry.putArgs(a.name(), a.value()));
          sequence.addEntries(entry);
        }
      }
    }
    if (!named) {
      throw new BadSequenceFile(source + ": no 'name <name>' line");
    }
    if (lines.isEmpty()) {
      throw new BadSequenceFile(source + ": no entries (lines like '+00:00:05 core.NOOP')");
    }
    return new Parsed(sequence.build(), List.copyOf(lines));
  }

  private static Line entry(List<String> words, int number, String where) throws BadSequenceFile {
    String time = words.getFirst();
    if (words.size() < 2) {
      throw new BadSequenceFile(where + "'" + time + "' is not 'name', 'on-failure' or an entry (<time> <command>"
          + " [name=value ...])");
    }
    String command = words.get(1);
    if (!COMMAND.matcher(command).matches()) {
      throw new BadSequenceFile(where + "'" + command + "' is not a command name (subsystem.NAME, e.g. core.NOOP)");
    }
    Map<String, Arg> args;
    try {
      args = CommandArgs.parse(words.subList(2, words.size()));
    } catch (IllegalArgumentException e) {
      throw new BadSequenceFile(where + e.getMessage());
    }
    return new Line(number, time, command, List.copyOf(args.values()));
  }

  /** Sets the entry's time from {@code text}: relative ({@code +...}) or an ISO-8601 instant. */
  private static void setTime(SequenceEntry.Builder entry, String text, String where) throws BadSequenceFile {
    if (text.startsWith("+")) {
      entry.setRelativeNs(relative(text, where).toNanos());
      return;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new BadSequenceFile(where + "'" + text + "' is not a time: write +HH:MM:SS, +5s, +250ms, or an instant"
          + " with its zone such as 2026-12-01T10:00:00Z");
    }
    if (instant.isBefore(Instant.EPOCH)) {
      throw new BadSequenceFile(where + "'" + text + "' is before 1970");
    }
    entry.setAbsoluteNs(CommandExchange.nanos(instant));
  }

  /** {@code +HH:MM:SS[.f]}, {@code +N[.f](ms|s|m|h)} or {@code +0}. */
  static Duration relative(String text, String where) throws BadSequenceFile {
    Matcher clock = CLOCK.matcher(text);
    try {
      if (clock.matches()) {
        String fraction = clock.group(4) == null ? "" : clock.group(4);
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
        return Duration.ofHours(Long.parseLong(clock.group(1))).plusMinutes(Long.parseLong(clock.group(2)))
            .plusSeconds(Long.parseLong(clock.group(3))).plusNanos(nanos);
      }
      Matcher plain = SHORT.matcher(text);
      if (plain.matches() && (plain.group(2) != null || new java.math.BigDecimal(plain.group(1)).signum() == 0)) {
        java.math.BigDecimal amount = new java.math.BigDecimal(plain.group(1));
        long perUnit = switch (plain.group(2) == null ? "s" : plain.group(2)) {
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
        java.math.BigDecimal nanos = amount.multiply(java.math.BigDecimal.valueOf(perUnit));
        if (nanos.stripTrailingZeros().scale() > 0) {
          throw new BadSequenceFile(where + "'" + text + "' is finer than a nanosecond");
        }
        return Duration.ofNanos(nanos.longValueExact());
      }
    } catch (ArithmeticException e) {
      throw new BadSequenceFile(where + "'" + text + "' is too long a time");
    }
    throw new BadSequenceFile(where + "'" + text + "' is not a relative time: write +HH:MM:SS[.fff], or +5s, +250ms,"
        + " +2m, +1h (units ms, s, m, h)");
  }

  /** The line's words: split at blanks, double quotes keep blanks, '#' outside quotes starts a comment. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
          word.append(line.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == ' ' || c == '\t') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '"') {
          quoted = true;
        } else {
          word.append(c);
        }
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a double quote is not closed");
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  /** {@code +00:00:05.000} for a relative time. */
  static String format(Duration relative) {
    long s = relative.getSeconds();
    return String.format(Locale.ROOT, "+%02d:%02d:%02d.%03d", s / 3600, s / 60 % 60, s % 60, relative.toMillisPart());
  }
}
