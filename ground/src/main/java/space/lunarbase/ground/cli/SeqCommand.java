package space.lunarbase.ground.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lunarctl seq}: stored command sequences. {@code seq load} signs a sequence file and loads
 * it into a controller's slot; {@code seq check} reads a file and shows what would be uploaded.
 * Running, pausing, resuming, aborting and clearing are ordinary commands:
 * {@code lunarctl send S/C seq.RUN slot=1}.
 */
@Command(name = "seq", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = Lunarctl.EXIT_USAGE,
    description = {"Stored command sequences: load a sequence file into a controller's slot, or check one.",
        "Run, pause, resume, abort and clear with lunarctl send <site>/<controller> seq.RUN slot=1 (seq.PAUSE,"
            + " seq.RESUME, seq.ABORT, seq.CLEAR)."},
    subcommands = {SeqLoadCommand.class, SeqCheckCommand.class})
public final class SeqCommand implements Runnable {

  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: lunarctl seq load or lunarctl seq check");
  }
}
