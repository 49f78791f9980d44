package space.lunarbase.fsw.core.channel;

import java.time.Instant;
import java.util.List;

/**
 * The one place a subsystem declares its telemetry channels and their limits (a bean per
 * subsystem, e.g. {@code BankChannels}). The {@link LimitMonitor} collects every bean of this type.
 */
public interface ChannelSet {

  /** This subsystem's channels, fixed at start-up. */
  List<Channel> channels();

  /**
   * Called once per monitor cycle before the channels' sources: read the hardware once here and
   * let the sources pick from what was read. Must not throw for a hardware fault.
   */
  default void refresh(Instant cycleTime) {}
}
