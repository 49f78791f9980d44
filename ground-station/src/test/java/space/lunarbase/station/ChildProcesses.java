package space.lunarbase.station;

import java.util.concurrent.TimeUnit;

/** Ending a child process the tests started: SIGKILL (a crash), or SIGTERM with a grace period. */
final class ChildProcesses {

  private ChildProcesses() {}

  /** SIGKILL, then waits up to 10 s for the process to be gone. */
  static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM if it still runs; SIGKILL when it has not ended within {@code graceSeconds}. */
  static void stop(Process process, long graceSeconds) {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
          kill(process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
