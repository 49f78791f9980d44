package space.lunarbase.hil;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  /** Starts {@code lunarctl args...} on another thread; its stderr can be read while it runs. */
  static Running start(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Lunarctl.commandLine(Clock.systemUTC());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return new Running(CompletableFuture.supplyAsync(() -> commandLine.execute(args)), out, err);
  }

  /** A run in progress. */
  record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
    /** What it has written on stderr so far. */
    String errSoFar() {
      synchronized (err) {
        return err.toString();
      }
    }

    /** Waits for the end (at most {@code timeout}). */
    LunarctlRun finish(Duration timeout) throws Exception {
      int code = exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new LunarctlRun(code, out.toString(), err.toString());
    }
  }
}
