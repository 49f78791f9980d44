package space.lunarbase.fsw.core.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import space.lunarbase.fsw.core.os.ShortProgram;

/**
 * A board's clock synchronisation, asked in this order (the first source that can tell decides):
 *
 * <ol>
 *   <li>{@code timedatectl show -p NTPSynchronized --value}: {@code yes}/{@code no}, the kernel's
 *       own status (adjtimex's STA_UNSYNC and maximum error), whichever daemon keeps the time
 *       (systemd-timesyncd, chrony, ntpd). Needs systemd and D-Bus;
 *   <li>systemd-timesyncd's flag file {@code /run/systemd/timesync/synchronized}: present means
 *       synchronised. Its absence says nothing (another daemon may keep the time), so it only ever
 *       answers yes;
 *   <li>{@code chronyc -n tracking}: {@code Leap status : Normal} (or an inserted/deleted second)
 *       is synchronised, {@code Not synchronised} is not.
 * </ol>
 *
 * No source that can tell: not synchronised, saying what each one answered. Each program runs at
 * most {@link #TIMEOUT}; the paths are settings so a board without them in {@code PATH} (or a test)
 * can name them.
 */
public final class SystemClockSync implements ClockSync {

  /** The longest one program may take. */
  public static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final String timedatectl;
  private final Path timesyncFlag;
  private final String chronyc;

  /**
   * @param timedatectl the {@code timedatectl} program (a name in PATH or a path)
   * @param timesyncFlag systemd-timesyncd's flag file
   * @param chronyc the {@code chronyc} program
   */
  public SystemClockSync(String timedatectl, Path timesyncFlag, String chronyc) {
    this.timedatectl = timedatectl;
    this.timesyncFlag = timesyncFlag;
    this.chronyc = chronyc;
  }

  @Override
  public Status check() {
    StringBuilder tried = new StringBuilder();
    Optional<Status> kernel = timedatectl(tried);
    if (kernel.isPresent()) {
      return kernel.get();
    }
    if (Files.exists(timesyncFlag)) {
      return Status.synchronised("systemd-timesyncd", timesyncFlag + " exists");
    }
    tried.append("; ").append(timesyncFlag).append(" absent");
    Optional<Status> chrony = chronyc(tried);
    if (chrony.isPresent()) {
      return chrony.get();
    }
    return Status.notSynchronised("none", "no source could tell: " + tried);
  }

  private Optional<Status> timedatectl(StringBuilder tried) {
    String source = "timedatectl NTPSynchronized";
    try {
      ShortProgram.Ended ended = ShortProgram.run(List.of(timedatectl, "show", "-p", "NTPSynchronized", "--value"),
          TIMEOUT);
      String answer = firstLine(ended.output());
      if (ended.succeeded() && answer.equals("yes")) {
        return Optional.of(Status.synchronised(source, "yes"));
      }
      if (ended.succeeded() && answer.equals("no")) {
        return Optional.of(Status.notSynchronised(source, "no (the kernel's clock is unsynchronised)"));
      }
      tried.append(timedatectl).append(": exit ").append(ended.exitCode()).append(" '").append(shown(answer))
          .append("'");
    } catch (IOException e) {
      tried.append(timedatectl).append(": ").append(e.getMessage());
    }
    return Optional.empty();
  }

  private Optional<Status> chronyc(StringBuilder tried) {
    String source = "chronyc tracking";
    try {
      ShortProgram.Ended ended = ShortProgram.run(List.of(chronyc, "-n", "tracking"), TIMEOUT);
      if (ended.succeeded()) {
        for (String line : ended.output().split("\n")) {
          int colon = line.indexOf(':');
          if (colon > 0 && line.substring(0, colon).strip().equals("Leap status")) {
            String leap = line.substring(colon + 1).strip();
            boolean synced = !leap.toLowerCase(Locale.ROOT).startsWith("not synchron");
            return Optional.of(new Status(synced, source, "Leap status: " + shown(leap)));
          }
        }
      }
      tried.append("; ").append(chronyc).append(": exit ").append(ended.exitCode()).append(", no Leap status");
    } catch (IOException e) {
      tried.append("; ").append(chronyc).append(": ").append(e.getMessage());
    }
    return Optional.empty();
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("").strip();
  }

  private static String shown(String text) {
    String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
