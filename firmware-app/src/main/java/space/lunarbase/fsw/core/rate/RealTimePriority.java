package space.lunarbase.fsw.core.rate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import space.lunarbase.fsw.core.os.ShortProgram;

/**
 * Puts the calling thread under Linux's {@code SCHED_FIFO} policy at a fixed priority, so that it
 * runs the moment it wakes, ahead of every ordinary ({@code SCHED_OTHER}) thread on the board: the
 * MQTT link, command handling, the garbage collector, a broker. Java has no call for it, so this
 * runs util-linux's {@code chrt --fifo --pid PRIORITY TID} on the thread's own id, read from
 * {@code /proc/thread-self}.
 *
 * <p>Linux facts it relies on: scheduling policy is per thread; setting {@code SCHED_FIFO} needs
 * {@code CAP_SYS_NICE} or an {@code RLIMIT_RTPRIO} at least the priority asked (systemd's
 * {@code AmbientCapabilities=CAP_SYS_NICE} or {@code LimitRTPRIO=}); real-time threads together get
 * at most {@code sched_rt_runtime_us} of each {@code sched_rt_period_us} (95 % by default), so a
 * runaway task cannot take the whole machine. Without the right, the kernel refuses and the thread
 * stays as it was: the refusal is an {@link Outcome} with the reason, never an exception.
 */
public final class RealTimePriority {

  /** What came of a request. */
  public sealed interface Outcome permits Granted, Refused {}

  /** The thread {@code tid} now runs {@code SCHED_FIFO} at {@code priority}. */
  public record Granted(int priority, long tid) implements Outcome {}

  /** The thread's scheduling is unchanged, for {@code reason}. */
  public record Refused(String reason) implements Outcome {}

  /** Highest priority {@code SCHED_FIFO} takes on Linux. */
  public static final int MAX = 99;

  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final int priority;
  private final String chrt;

  /** {@code SCHED_FIFO} at {@code priority} (1 to 99) through the {@code chrt} on the PATH. */
  public RealTimePriority(int priority) {
    this(priority, "chrt");
  }

  RealTimePriority(int priority, String chrt) {
    if (priority < 1 || priority > MAX) {
      throw new IllegalArgumentException("a SCHED_FIFO priority is 1 to " + MAX + ", not " + priority);
    }
    this.priority = priority;
    this.chrt = chrt;
  }

  public int priority() {
    return priority;
  }

  /** The same request {@code steps} priorities higher, at most {@link #MAX}. */
  public RealTimePriority raisedBy(int steps) {
    return new RealTimePriority(Math.min(MAX, priority + steps), chrt);
  }

  /** Applies the policy to the calling thread. */
  public Outcome applyToCurrentThread() {
    long tid;
    try {
      tid = currentThreadId();
    } catch (IOException | RuntimeException e) {
      return new Refused("cannot tell this thread's id from " + THREAD_SELF + " (not Linux?): " + e.getMessage());
    }
    List<String> command = List.of(chrt, "--fifo", "--pid", Integer.toString(priority), Long.toString(tid));
    ShortProgram.Ended ended;
    try {
      ended = ShortProgram.run(command, WAIT);
    } catch (ShortProgram.TimedOut | InterruptedIOException e) {
      return new Refused(e.getMessage());
    } catch (IOException e) {
      return new Refused("cannot run " + chrt + " (util-linux): " + e.getMessage());
    }
    return ended.succeeded() ? new Granted(priority, tid)
        : new Refused(chrt + " exited " + ended.exitCode() + (ended.output().isEmpty() ? "" : ": " + ended.output()));
  }

  /** The kernel's id of the calling thread: {@code /proc/thread-self} links to {@code PID/task/TID}. */
  static long currentThreadId() throws IOException {
    return Long.parseLong(Files.readSymbolicLink(THREAD_SELF).getFileName().toString());
  }
}
