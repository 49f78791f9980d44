package space.lunarbase.fsw.link;

import io.micronaut.context.BeanProvider;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import space.lunarbase.fsw.config.EmbeddedBrokerSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.config.LinkTlsSettings;

/**
 * Resolves the broker the link talks to: the configured {@code lunarbase.link.broker-url}, or, when
 * that is empty, an embedded broker this bean starts and, at shutdown, stops. Only the simulated
 * wiring provides one ({@link LocalBrokers}, {@code hal.mode=sim}): {@link RealModeLink} refuses a
 * board without a secure site broker before anything starts.
 */
@Singleton
public final class BrokerService implements AutoCloseable {

  private final BrokerEndpoint endpoint;
  private final Optional<LocalBroker> embedded;

  public BrokerService(LinkSettings link, LinkTlsSettings tls, HalSettings hal, EmbeddedBrokerSettings embeddedSettings,
                       BeanProvider<LocalBrokers> localBrokers) {
    RealModeLink.check(hal.mode(), link.brokerUrl(), tls.certFile()).ifPresent(problem -> {
      throw problem;
    });
    if (link.broker().isEmpty() && !localBrokers.isPresent()) {
      throw new InvalidConfigException(RealModeLink.BROKER_URL, null,
          "this firmware runs no broker of its own: give the site broker (ssl://host:8883)");
    }
    this.embedded = link.broker().isPresent() ? Optional.empty()
        : Optional.of(localBrokers.get().start(embeddedSettings, link.maxPacketSize()));
    this.endpoint = link.broker()
        .map(url -> new BrokerEndpoint(url, false, ""))
        .orElseGet(() -> new BrokerEndpoint(embedded.orElseThrow().url(), true, embedded.orElseThrow().note()));
  }

  public BrokerEndpoint endpoint() {
    return endpoint;
  }

  @PreDestroy
  @Override
  public void close() {
    embedded.ifPresent(LocalBroker::close);
  }
}
