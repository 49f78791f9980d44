package space.lunarbase.fsw.core.os;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short operating-system program the JVM cannot replace ({@code systemd-notify},
 * {@code chrt}) and waits for it, never longer than a timeout: a program still running then is
 * killed. What it prints (standard output and error together) is read once it has ended, so it is
 * for programs that print a line or two.
 */
public final class ShortProgram {

  /** How the program ended: its exit code and what it printed, stripped. */
  public record Ended(int exitCode, String output) {

    public boolean succeeded() {
      return exitCode == 0;
    }
  }

  /** The program was still running at the timeout, and was killed. */
  public static final class TimedOut extends IOException {
    TimedOut(String message) {
      super(message);
    }
  }

  private ShortProgram() {}

  /**
   * Runs {@code command} and waits up to {@code timeout}. Throws the {@link IOException} of a
   * program that cannot be started, {@link TimedOut}, or an {@link InterruptedIOException} (with the
   * thread's interrupt flag set again) when the wait is interrupted.
   */
  public static Ended run(List<String> command, Duration timeout) throws IOException {
    String program = command.getFirst();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream out = process.getInputStream()) {
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new TimedOut(program + " did not finish within " + timeout.toMillis() + " ms");
      }
      return new Ended(process.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8).strip());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + program);
    }
  }
}
