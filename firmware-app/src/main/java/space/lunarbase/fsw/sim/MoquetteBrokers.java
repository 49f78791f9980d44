package space.lunarbase.fsw.sim;

import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.EmbeddedBrokerSettings;
import space.lunarbase.fsw.link.LocalBroker;
import space.lunarbase.fsw.link.LocalBrokers;

/** The link's own broker on a simulated board with no broker configured: an {@link EmbeddedBroker} (Moquette). */
@Singleton
@SimulatedHardware
final class MoquetteBrokers implements LocalBrokers {

  @Override
  public LocalBroker start(EmbeddedBrokerSettings settings, int maxPacketBytes) {
    return EmbeddedBroker.start(settings, maxPacketBytes);
  }
}
