package space.lunarbase.fsw.core.channel;

import java.time.Instant;

/** Told, on the monitor's rate group, when a channel's level changes (after persistence). */
@FunctionalInterface
public interface LimitListener {

  void transition(Transition transition);

  /**
   * One level change.
   *
   * @param spec the channel
   * @param from the level before
   * @param to the level now
   * @param value the sample that completed the persistence
   * @param limit the limit crossed (for IN_LIMITS: the one of {@code from})
   * @param time the monitor cycle's time
   */
  record Transition(ChannelSpec spec, Level from, Level to, double value, double limit, Instant time) {}
}
