package space.lunarbase.ground.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.SequenceFile.BadSequenceFile;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SequenceEntry;

/**
 * {@code lunarctl seq check FILE}: reads a sequence file and prints what {@code seq load} would
 * upload, one line per entry with its time as understood and each argument's kind, e.g.
 *
 * <pre>
 * sequence 'night-charge': 3 entries, on failure STOP, 131 bytes
 *    1  line 4   +00:00:05.000             core.NOOP
 *    2  line 5   +00:00:02.500             bank.SET_CHARGE_CURRENT amps=10.0 (number)
 *    3  line 6   2026-12-01T10:00:00Z      core.SET_MODE subsystem=bank (text) mode=MAINTENANCE (text)
 * </pre>
 *
 * Exit 0, or 4 with {@code FILE:LINE: what is wrong} on stderr. No broker: the controller checks
 * the entries against its commands when the sequence is loaded.
 */
@Command(name = "check", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Read a sequence file and print what lunarctl seq load would upload (no broker needed).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the file reads as a sequence", "4:it does not (FILE:LINE: why, on stderr)",
        "64:invalid command line"})
public final class SeqCheckCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The sequence file.")
  private Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SequenceFile.Parsed parsed;
    try {
      parsed = SequenceFile.read(file);
    } catch (BadSequenceFile e) {
      return Console.fail(spec.commandLine().getErr(), Lunarctl.EXIT_FILE, e.getMessage());
    }
    Sequence sequence = parsed.sequence();
    out.println("sequence '" + sequence.getName() + "': " + sequence.getEntriesCount() + " entries, on failure "
        + (sequence.getOnFailure() == Sequence.OnFailure.ON_FAILURE_CONTINUE ? "CONTINUE" : "STOP") + ", "
        + sequence.getSerializedSize() + " bytes");
    for (int i = 0; i < sequence.getEntriesCount(); i++) {
      SequenceEntry entry = sequence.getEntries(i);
      SequenceFile.Line line = parsed.lines().get(i);
      String time = entry.hasAbsoluteNs()
          ? FrameFormatter.time(java.time.Instant.ofEpochSecond(0, entry.getAbsoluteNs()))
          : SequenceFile.format(Duration.ofNanos(entry.getRelativeNs()));
      String args = line.args().stream().map(a -> a.given().replaceFirst(":[a-z]+=", "=") + " ("
          + a.kind().label() + ")").collect(Collectors.joining(" "));
      out.println(String.format(Locale.ROOT, "%4d  line %-4d %-25s %s%s", i + 1, line.line(), time,
          entry.getCommand(), args.isEmpty() ? "" : " " + args));
    }
    out.flush();
    return Lunarctl.EXIT_OK;
  }
}
