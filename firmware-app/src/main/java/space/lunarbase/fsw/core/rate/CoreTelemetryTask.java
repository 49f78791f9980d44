package space.lunarbase.fsw.core.rate;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.time.Duration;
import java.time.Instant;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.core.mode.RangeSafetyHolds;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.core.time.ClockSyncMonitor;
import space.lunarbase.proto.v1.ClockSyncTelemetry;
import space.lunarbase.proto.v1.CoreTelemetry;
import space.lunarbase.proto.v1.RangeSafetyHold;
import space.lunarbase.proto.v1.RateGroupTaskTelemetry;
import space.lunarbase.proto.v1.RateGroupTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Publishes the rate groups' statistics, range safety's holds and the clock's synchronisation on
 * {@code tlm/core} every
 * {@code lunarbase.core.telemetry-period} (default 1 s: a task of the slowest group that divides
 * it), first one period after start, at the telemetry QoS (journaled while the broker is away,
 * like every telemetry stream: a QoS 0 message would wait at the head of the outbox).
 */
@Context
public final class CoreTelemetryTask implements RateGroupTask {

  /** The stream core frames go to. */
  public static final String STREAM = "tlm/core";

  private final RateGroupDriver driver;
  private final Progress progress;
  private final HeaderStamper headers;
  private final Outbox outbox;
  private final RangeSafetyHolds holds;
  private final ClockSyncMonitor clockSync;
  private final int qos;

  public CoreTelemetryTask(RateGroupDriver driver, Progress progress, HeaderStamper headers, Outbox outbox,
                           RangeSafetyHolds holds, ClockSyncMonitor clockSync,
                           StoreAndForwardSettings storeAndForward,
                           @Value("${lunarbase.core.telemetry-period:1s}") Duration period) {
    this.driver = driver;
    this.progress = progress;
    this.headers = headers;
    this.outbox = outbox;
    this.holds = holds;
    this.clockSync = clockSync;
    this.qos = storeAndForward.telemetryQos();
    if (period.compareTo(Duration.ofMillis(100)) < 0 || period.compareTo(Duration.ofHours(24)) > 0) {
      throw new InvalidConfigException("lunarbase.core.telemetry-period", period, "use a duration from 100ms to 24h");
    }
    driver.every(period, "lunarbase.core.telemetry-period", this, false);
  }

  @Override
  public String name() {
    return "core-telemetry";
  }

  @Override
  public void run(Instant cycleTime) {
    long now = System.nanoTime();
    CoreTelemetry.Builder core = CoreTelemetry.newBuilder();
    for (RateGroup group : driver.groups()) {
      core.addGroups(toProto(group.status(), !progress.stuck(group, now)));
    }
    for (RangeSafetyHolds.Hold hold : holds.all()) {
      core.addHolds(RangeSafetyHold.newBuilder().setSubsystem(hold.subsystem()).setKeyId(hold.keyId())
          .setCause(hold.cause()).setSinceNs(HeaderStamper.nanos(hold.since())));
    }
    ClockSyncMonitor.Reading clock = clockSync.current();
    core.setClockSync(ClockSyncTelemetry.newBuilder().setSynchronised(clock.synchronised())
        .setSource(clock.status().source()).setDetail(clock.status().detail())
        .setCheckedNs(HeaderStamper.nanos(clock.checkedAt())));
    TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(headers.next(STREAM, cycleTime)).setCore(core).build();
    outbox.offer(new Outbound(STREAM, frame.toByteArray(), qos, false));
  }

  static RateGroupTelemetry toProto(RateGroupStatus s, boolean healthy) {
    RateGroupTelemetry.Builder group = RateGroupTelemetry.newBuilder()
        .setName(s.name())
        .setRateHz(s.rateHz())
        .setCycles(s.cycles())
        .setOverruns(s.overruns())
        .setSkipped(s.skipped())
        .setClockSteps(s.clockSteps())
        .setWindowCycles(s.windowCycles())
        .setLatenessP50Us(s.latenessP50() / 1000)
        .setLatenessP99Us(s.latenessP99() / 1000)
        .setLatenessP999Us(s.latenessP999() / 1000)
        .setLatenessMaxUs(s.latenessMax() / 1000)
        .setExecP50Us(s.execP50() / 1000)
        .setExecP99Us(s.execP99() / 1000)
        .setExecMaxUs(s.execMax() / 1000)
        .setHealthy(healthy);
    for (TaskStatus task : s.tasks()) {
      group.addTasks(RateGroupTaskTelemetry.newBuilder().setName(task.name()).setEveryCycles(task.everyCycles())
          .setRuns(task.runs()).setFailures(task.failures()).setExecMaxUs(task.execMaxNanos() / 1000));
    }
    return group.build();
  }
}
