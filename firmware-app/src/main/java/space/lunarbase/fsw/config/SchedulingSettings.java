package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.util.Optional;
import space.lunarbase.fsw.core.rate.RealTimePriority;

/**
 * How the rate-group threads are scheduled by the kernel.
 *
 * @param realtimePriority 0: ordinary time sharing ({@code SCHED_OTHER}, the default on a
 *     developer machine); 1 to 99: {@code SCHED_FIFO} at that priority, which needs
 *     {@code CAP_SYS_NICE} or {@code LimitRTPRIO} (the board's systemd unit grants it)
 */
@ConfigurationProperties("lunarbase.scheduling")
public record SchedulingSettings(int realtimePriority) {

  public SchedulingSettings {
    ConfigRules.range("lunarbase.scheduling.realtime-priority", realtimePriority, 0, RealTimePriority.MAX);
  }

  /** The real-time priority asked for, if any. */
  public Optional<RealTimePriority> realTime() {
    return realtimePriority == 0 ? Optional.empty() : Optional.of(new RealTimePriority(realtimePriority));
  }
}
