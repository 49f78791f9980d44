package space.lunarbase.fsw.core.rate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import space.lunarbase.fsw.config.InvalidConfigException;

/**
 * Drives the configured rate groups (F Prime's RateGroupDriver and its active rate groups in one):
 * subsystems register tasks at start-up, {@link #start} gives each group its own thread on the
 * injected clock ({@link Tick}), {@link #close} stops them all. No registration after start: the
 * groups' task tables are fixed arrays from then on.
 */
public final class RateGroupDriver implements AutoCloseable {

  private final List<RateGroupSpec> specs;
  private final Tick tick;
  private final OverrunListener overruns;
  private final ThreadScheduling scheduling;
  private final Map<String, List<RateGroup.Entry>> entries = new LinkedHashMap<>();
  private volatile List<RateGroup> groups = List.of();
  private boolean started;
  private boolean closed;

  /** Groups in configuration order, under ordinary time sharing; names must be distinct. */
  public RateGroupDriver(List<RateGroupSpec> specs, Tick tick, OverrunListener overruns) {
    this(specs, tick, overruns, ThreadScheduling.ORDINARY);
  }

  /** Groups in configuration order, each thread applying {@code scheduling} to itself; names must be distinct. */
  public RateGroupDriver(List<RateGroupSpec> specs, Tick tick, OverrunListener overruns, ThreadScheduling scheduling) {
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("at least one rate group is needed");
    }
    this.specs = List.copyOf(specs);
    this.tick = tick;
    this.overruns = overruns;
    this.scheduling = scheduling;
    for (RateGroupSpec spec : specs) {
      if (entries.put(spec.name(), new ArrayList<>()) != null) {
        throw new IllegalArgumentException("two rate groups named " + spec.name());
      }
    }
  }

  /**
   * Registers {@code task} to run every {@code period}: on the slowest group whose period divides
   * it, every (period / group period) cycles. A period no group divides fails with one line naming
   * {@code periodKey}, the configuration key the period came from.
   *
   * @return the group chosen
   */
  public String every(Duration period, String periodKey, RateGroupTask task) {
    return every(period, periodKey, task, true);
  }

  /**
   * As {@link #every(Duration, String, RateGroupTask)}; {@code firstAtStart} false delays the first
   * run by one {@code period} (for reports about the time since start).
   */
  public synchronized String every(Duration period, String periodKey, RateGroupTask task, boolean firstAtStart) {
    long nanos = period.toNanos();
    RateGroupSpec chosen = null;
    for (RateGroupSpec spec : specs) {
      if (nanos > 0 && nanos % spec.periodNanos() == 0
          && (chosen == null || spec.periodNanos() > chosen.periodNanos())) {
        chosen = spec;
      }
    }
    if (chosen == null) {
      throw new InvalidConfigException(periodKey, period, "no rate group runs at a whole fraction of it (groups: "
          + describe() + "); add one to lunarbase.rate-groups, e.g. lunarbase.rate-groups.fast=" + hz(period));
    }
    add(chosen, task, Math.toIntExact(nanos / chosen.periodNanos()), firstAtStart);
    return chosen.name();
  }

  /** Registers {@code task} to run every cycle of the group named {@code group}. */
  public synchronized void onEveryCycle(String group, RateGroupTask task) {
    RateGroupSpec spec = specs.stream().filter(s -> s.name().equals(group)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no rate group named " + group + " (groups: " + describe() + ")"));
    add(spec, task, 1, true);
  }

  /** Registers {@code task} to run every cycle of the slowest group; returns that group's name. */
  public synchronized String onSlowest(RateGroupTask task) {
    RateGroupSpec slowest = specs.getFirst();
    for (RateGroupSpec spec : specs) {
      if (spec.periodNanos() > slowest.periodNanos()) {
        slowest = spec;
      }
    }
    add(slowest, task, 1, true);
    return slowest.name();
  }

  private void add(RateGroupSpec spec, RateGroupTask task, int every, boolean firstAtStart) {
    if (started) {
      throw new IllegalStateException("rate groups take tasks at start-up only; " + task.name() + " came too late");
    }
    entries.get(spec.name()).add(new RateGroup.Entry(task, every, firstAtStart));
  }

  /** Starts one thread per group. Once; tasks registered so far are all the groups will run. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    if (closed) {
      return;
    }
    List<RateGroup> built = new ArrayList<>(specs.size());
    for (RateGroupSpec spec : specs) {
      // rate-monotonic rank: how many distinct rates are slower than this group's
      int rateRank = (int) specs.stream().mapToDouble(RateGroupSpec::rateHz).distinct()
          .filter(hz -> hz < spec.rateHz()).count();
      built.add(new RateGroup(spec, tick, entries.get(spec.name()), overruns, scheduling, rateRank));
    }
    groups = List.copyOf(built);
    built.forEach(RateGroup::start);
  }

  /** Whether the groups have been started and not yet stopped. */
  public synchronized boolean running() {
    return started && !closed;
  }

  /** The running groups, in configuration order; empty before {@link #start}. */
  public List<RateGroup> groups() {
    return groups;
  }

  /** The configured groups. */
  public List<RateGroupSpec> specs() {
    return specs;
  }

  /** A snapshot of every group's statistics. */
  public List<RateGroupStatus> status() {
    return groups.stream().map(RateGroup::status).toList();
  }

  /** Stops every group, waiting up to 1 s for each (a stuck task may not end). Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    started = true;
    for (RateGroup group : groups) {
      group.stop(1_000);
    }
  }

  private String describe() {
    return specs.stream().map(s -> s.name() + "=" + s.rateHz() + "Hz (" + s.period() + ")")
        .collect(Collectors.joining(", "));
  }

  private static String hz(Duration period) {
    double hz = 1e9 / period.toNanos();
    return (hz == Math.rint(hz) ? String.valueOf((long) hz) : String.valueOf(hz)) + "Hz";
  }
}
