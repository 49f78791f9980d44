package space.lunarbase.hil;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import space.lunarbase.ground.cli.Lunarctl;

/** One {@code lunarctl} run in-process, as an operator runs it: its exit code, stdout and stderr. */
record LunarctlRun(int exit, String out, String err) {

  /** Runs {@code lunarctl args...} on this thread with the system clock. */
  static LunarctlRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Lunarctl.commandLine(Clock.systemUTC());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new LunarctlRun(exit, out.toString(), err.toString());
  }

  List<String> lines() {
    return out.lines().toList();
  }
}
