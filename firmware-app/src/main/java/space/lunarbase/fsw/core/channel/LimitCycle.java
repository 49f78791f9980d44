package space.lunarbase.fsw.core.channel;

import java.time.Instant;
import space.lunarbase.fsw.core.rate.RateGroupTask;

/** One limit-monitor cycle, a rate-group task: every channel checked, then (when due) published. */
final class LimitCycle implements RateGroupTask {

  private final LimitMonitor monitor;
  private final ChannelFrames frames;

  LimitCycle(LimitMonitor monitor, ChannelFrames frames) {
    this.monitor = monitor;
    this.frames = frames;
  }

  @Override
  public String name() {
    return "limit-monitor";
  }

  @Override
  public void run(Instant cycleTime) {
    monitor.evaluate(cycleTime);
    frames.afterCycle(cycleTime);
  }
}
