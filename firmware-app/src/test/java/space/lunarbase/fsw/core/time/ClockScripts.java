package space.lunarbase.fsw.core.time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Stand-ins for a board's time programs, as small shell scripts in a test's folder: what
 * {@code timedatectl} and {@code chronyc} print is in a file the test rewrites, so the real
 * {@link SystemClockSync} runs real programs whose answers the test chooses.
 */
public final class ClockScripts {

  private final Path dir;

  public ClockScripts(Path dir) {
    this.dir = dir;
  }

  /** {@code timedatectl} printing {@code answer} (e.g. {@code yes}, {@code no}) and exiting 0. */
  public ClockScripts timedatectl(String answer) {
    return script("timedatectl", answer, 0);
  }

  /** {@code chronyc} printing {@code output}. */
  public ClockScripts chronyc(String output) {
    return script("chronyc", output, 0);
  }

  /** A {@code timedatectl} that fails as one does without systemd's D-Bus (exit 1). */
  public ClockScripts timedatectlFailing() {
    return script("timedatectl", "Failed to connect to bus: No such file or directory", 1);
  }

  /** timesyncd's flag file, present or not. */
  public ClockScripts timesyncFlag(boolean present) {
    try {
      if (present) {
        Files.writeString(flag(), "");
      } else {
        Files.deleteIfExists(flag());
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The real {@link SystemClockSync} over these scripts (a script not written yet: no such program). */
  public SystemClockSync source() {
    return new SystemClockSync(dir.resolve("timedatectl").toString(), flag(), dir.resolve("chronyc").toString());
  }

  private Path flag() {
    return dir.resolve("synchronized");
  }

  private ClockScripts script(String name, String output, int exit) {
    try {
      Path answer = dir.resolve(name + ".out");
      Files.writeString(answer, output + "\n");
      Path script = dir.resolve(name);
      Files.writeString(script, "#!/bin/sh\ncat '" + answer + "'\nexit " + exit + "\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
