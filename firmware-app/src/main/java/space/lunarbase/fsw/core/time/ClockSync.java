package space.lunarbase.fsw.core.time;

import java.util.Objects;

/**
 * Says whether the controller's clock is synchronised to a time source. On a board:
 * {@link SystemClockSync} (the kernel's NTP status through {@code timedatectl}, else systemd-timesyncd's
 * flag file, else {@code chronyc}); on a simulated board: {@link #SIMULATED}, always synchronised
 * (its clock is the simulation's). Asked by {@link ClockSyncMonitor} on a slow rate group, never
 * per command.
 */
@FunctionalInterface
public interface ClockSync {

  /** The simulated board's: its clock is the simulation's, synchronised by definition. */
  ClockSync SIMULATED = () -> Status.synchronised("simulated board", "the simulation clock");

  /**
   * Asks the source now. May take a moment (a short program, bounded); never throws: a source
   * that cannot tell answers not synchronised, saying why.
   */
  Status check();

  /**
   * One answer.
   *
   * @param synchronised whether the clock is synchronised
   * @param source what told, e.g. {@code timedatectl NTPSynchronized}
   * @param detail the source's own words, or why no source could tell
   */
  record Status(boolean synchronised, String source, String detail) {

    public Status {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(detail, "detail");
    }

    public static Status synchronised(String source, String detail) {
      return new Status(true, source, detail);
    }

    public static Status notSynchronised(String source, String detail) {
      return new Status(false, source, detail);
    }

    /** {@code synchronised (timedatectl NTPSynchronized: yes)}. */
    public String describe() {
      return (synchronised ? "synchronised" : "not synchronised") + " (" + source
          + (detail.isEmpty() ? "" : ": " + detail) + ")";
    }
  }
}
