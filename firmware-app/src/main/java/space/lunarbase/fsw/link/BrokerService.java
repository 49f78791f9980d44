package space.lunarbase.fsw.link;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import space.lunarbase.fsw.config.EmbeddedBrokerSettings;
import space.lunarbase.fsw.config.LinkSettings;

/**
 * Resolves the broker the link talks to: the configured {@code lunarbase.link.broker-url}, or, when
 * that is empty, an embedded broker this bean starts and, at shutdown, stops.
 */
@Singleton
public final class BrokerService implements AutoCloseable {

  private final BrokerEndpoint endpoint;
  private final Optional<EmbeddedBroker> embedded;

  public BrokerService(LinkSettings link, EmbeddedBrokerSettings embeddedSettings) {
    this.embedded = link.broker().isPresent() ? Optional.empty() : Optional.of(EmbeddedBroker.start(embeddedSettings));
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
