package space.lunarbase.fsw.link;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import space.lunarbase.fsw.config.EmbeddedBrokerSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.config.LinkTlsSettings;

/**
 * Resolves the broker the link talks to: the configured {@code lunarbase.link.broker-url}, or, when
 * that is empty, an embedded broker this bean starts and, at shutdown, stops (with
 * {@code hal.mode=sim} only: {@link RealModeLink} refuses a board without a secure site broker
 * before anything starts).
 */
@Singleton
public final class BrokerService implements AutoCloseable {

  private final BrokerEndpoint endpoint;
  private final Optional<EmbeddedBroker> embedded;

  public BrokerService(LinkSettings link, LinkTlsSettings tls, HalSettings hal, EmbeddedBrokerSettings embeddedSettings) {
    RealModeLink.check(hal.mode(), link.brokerUrl(), tls.certFile()).ifPresent(problem -> {
      throw problem;
    });
    this.embedded = link.broker().isPresent() ? Optional.empty()
        : Optional.of(EmbeddedBroker.start(embeddedSettings, link.maxPacketSize()));
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
    embedded.ifPresent(EmbeddedBroker::close);
  }
}
