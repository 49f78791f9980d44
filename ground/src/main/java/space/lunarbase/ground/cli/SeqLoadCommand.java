package space.lunarbase.ground.cli;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import space.lunarbase.ground.cli.CommandArgs.Arg;
import space.lunarbase.ground.cli.SequenceFile.BadSequenceFile;
import space.lunarbase.proto.v1.Value;
import space.lunarbase.wire.Topic;

/**
 * {@code lunarctl seq load <site>/<controller> FILE --slot N --key-file F --key ID}: reads a
 * sequence file ({@link SequenceFile}), sends it as {@code seq.LOAD(slot, sequence)} signed like
 * {@code send} does, and prints the acks: {@code ACCEPTED}, then {@code COMPLETED: slot 1: 'night'
 * loaded, 3 entries}, or one {@code REJECTED <reason>: entry 2 (bank.X): ...} naming the entry the
 * controller refused. Exit codes as {@code send}'s, and 4 for a sequence file that cannot be used.
 */
@Command(name = "load", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = "Sign a sequence file and load it into a controller's slot (seq.LOAD); print the acks.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:COMPLETED (loaded)",
        "2:cannot connect to the broker, or it did not take the command",
        "3:no acknowledgement of the controller (signed) within --timeout; unauthenticated refusals seen are named",
        "4:the sequence file, the key file, the counter state file, a TLS file or the password file cannot be used",
        "10:ACCEPTED, but --no-wait, or no COMPLETED/FAILED within --timeout",
        "11:FAILED (e.g. the slot is running a sequence)",
        "12:REJECTED (the reason and the entry at fault are printed)",
        "64:invalid command line",
        "130:Ctrl-C"})
public final class SeqLoadCommand implements Callable<Integer> {

  /** The largest serialized sequence any controller takes (its lunarbase.sequences.max-bytes is at most this). */
  static final int MAX_BYTES = 15 * 1024;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<site>/<controller>", description = "The controller, e.g. lunar-south/bank-ctl-1.")
  private String controller;

  @Parameters(index = "1", paramLabel = "FILE", description = "The sequence file (see lunarctl seq check).")
  private Path file;

  @Option(names = "--slot", paramLabel = "N", required = true, description = "The slot to load it into, from 1.")
  private int slot;

  @Mixin
  private SigningOptions options;

  private final Clock clock;

  public SeqLoadCommand() {
    this(Clock.systemUTC());
  }

  SeqLoadCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    Topic cmdTopic = SendCommand.topic(spec, controller, Topic.Kind.CMD);
    Topic ackTopic = SendCommand.topic(spec, controller, Topic.Kind.ACK);
    SequenceFile.Parsed parsed;
    try {
      parsed = SequenceFile.read(file);
    } catch (BadSequenceFile e) {
      return Console.fail(spec.commandLine().getErr(), Lunarctl.EXIT_FILE, e.getMessage());
    }
    ByteString bytes = parsed.sequence().toByteString();
    if (bytes.size() > MAX_BYTES) {
      return Console.fail(spec.commandLine().getErr(), Lunarctl.EXIT_FILE, file + ": the sequence is " + bytes.size()
          + " bytes; a controller takes at most " + MAX_BYTES + " (its lunarbase.sequences.max-bytes, 12288 by"
          + " default): split it");
    }
    List<Arg> args = List.of(
        new Arg("slot", Value.newBuilder().setInteger(slot).build(), CommandArgs.Kind.INTEGER, false, "slot=" + slot),
        new Arg("sequence", Value.newBuilder().setData(bytes).build(), CommandArgs.Kind.DATA, false,
            "sequence=<" + bytes.size() + " bytes>"));
    String what = "'" + parsed.sequence().getName() + "', " + parsed.lines().size() + " entries, " + bytes.size()
        + " bytes, into slot " + slot;
    return new CommandExchange(options, clock, spec.commandLine().getOut(), spec.commandLine().getErr())
        .exchange(cmdTopic, ackTopic, "seq.LOAD", args, what);
  }
}
