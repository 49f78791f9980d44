package space.lunarbase.fsw.link;

import space.lunarbase.fsw.config.EmbeddedBrokerSettings;

/**
 * Starts a {@link LocalBroker} when no {@code lunarbase.link.broker-url} is configured. Provided by
 * the simulated wiring ({@code space.lunarbase.fsw.sim}) only: the flight application has none, and
 * real mode refuses a board without a site broker before the link is made ({@link RealModeLink}).
 */
@FunctionalInterface
public interface LocalBrokers {

  /** Starts a broker with these settings that refuses packets larger than {@code maxPacketBytes}. */
  LocalBroker start(EmbeddedBrokerSettings settings, int maxPacketBytes);
}
