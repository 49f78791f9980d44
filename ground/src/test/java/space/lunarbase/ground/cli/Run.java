package space.lunarbase.ground.cli;

import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** One in-process run of {@code lunarctl ...} with its stdout and stderr captured. */
record Run(CompletableFuture<Integer> exit, StringWriter stdout, StringWriter stderr) {

  /** Starts {@code lunarctl args...} on another thread with the system clock. */
  static Run start(String... args) {
    return start(Clock.systemUTC(), args);
  }

  static Run start(Clock clock, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var commandLine = Lunarctl.commandLine(clock);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return new Run(CompletableFuture.supplyAsync(() -> commandLine.execute(args)), out, err);
  }

  /** Runs {@code lunarctl args...} to its end. */
  static Run of(String... args) throws Exception {
    Run run = start(args);
    run.exitCode();
    return run;
  }

  int exitCode() throws Exception {
    return exit.get(20, TimeUnit.SECONDS);
  }

  String out() {
    return stdout.toString();
  }

  String err() {
    return stderr.toString();
  }

  List<String> lines() {
    return out().lines().toList();
  }

  /** Waits until {@code count} lines are out. */
  void awaitLines(int count) {
    await("%d lines from lunarctl; stderr: %s".formatted(count, err())).atMost(Duration.ofSeconds(10))
        .until(() -> lines().size() >= count);
  }
}
