package space.lunarbase.fsw.link.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * When the journal forces its writes to the storage device ({@code fdatasync}).
 *
 * <p>Whatever the policy, a record {@link Journal#append} accepted is in the kernel's page cache
 * when append returns, so a JVM crash or {@code kill -9} loses nothing. Only a power loss or a
 * kernel crash loses what was not yet forced:
 *
 * <table>
 *   <caption>Data-loss bound on power loss</caption>
 *   <tr><th>policy</th><th>forced</th><th>lost on power loss</th></tr>
 *   <tr><td>{@link #EVERY_RECORD}</td><td>after every record</td>
 *       <td>nothing that {@code append} returned {@code true} for</td></tr>
 *   <tr><td>{@link #interval(Duration) interval(d)}</td>
 *       <td>by {@code append} or {@link Journal#flushIfDue()} once {@code d} has passed since
 *       the last force; at every segment roll; at {@link Journal#close()}</td>
 *       <td>at most the records appended during the last {@code d}, provided the owner calls
 *       {@code flushIfDue()} at least every {@code d} while idle (otherwise: everything since
 *       the last force)</td></tr>
 * </table>
 *
 * <p>Both bounds assume the device honours flushes; consumer SD cards without power-loss
 * protection may not, which is a reason to prefer eMMC.
 */
public sealed interface FsyncPolicy {

  /** Force after every record: slowest, loses nothing that was acknowledged as appended. */
  FsyncPolicy EVERY_RECORD = new EveryRecord();

  /** Force at most every {@code period}, at segment roll and at close. */
  static FsyncPolicy interval(Duration period) {
    return new Interval(period);
  }

  /** See {@link FsyncPolicy#EVERY_RECORD}. */
  record EveryRecord() implements FsyncPolicy {}

  /**
   * See {@link FsyncPolicy#interval(Duration)}.
   *
   * @param period the longest time appended records may stay unforced; positive
   */
  record Interval(Duration period) implements FsyncPolicy {
    public Interval {
      Objects.requireNonNull(period, "fsync interval must be set");
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("fsync interval must be positive, was " + period
            + " (use FsyncPolicy.EVERY_RECORD to force every record)");
      }
    }
  }
}
