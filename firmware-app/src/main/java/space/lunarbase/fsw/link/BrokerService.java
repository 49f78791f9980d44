package space.lunarbase.fsw.link;

import io.micronaut.context.BeanProvider;
import jakarta.annotation.PostConstruct;
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
 * board without a secure site broker before anything starts. The embedded broker starts in
 * {@link #start()}, once the settings are checked, before anything is handed the endpoint.
 */
@Singleton
public final class BrokerService implements AutoCloseable {

  private final LinkSettings link;
  private final EmbeddedBrokerSettings embeddedSettings;
  private final BeanProvider<LocalBrokers> localBrokers;
  private BrokerEndpoint endpoint;
  private Optional<LocalBroker> embedded = Optional.empty();

  public BrokerService(LinkSettings link, LinkTlsSettings tls, HalSettings hal, EmbeddedBrokerSettings embeddedSettings,
                       BeanProvider<LocalBrokers> localBrokers) {
    RealModeLink.check(hal.mode(), link.brokerUrl(), tls.certFile()).ifPresent(problem -> {
      throw problem;
    });
    if (link.broker().isEmpty() && !localBrokers.isPresent()) {
      throw new InvalidConfigException(RealModeLink.BROKER_URL, null,
          "this firmware runs no broker of its own: give the site broker (ssl://host:8883)");
    }
    this.link = link;
    this.embeddedSettings = embeddedSettings;
    this.localBrokers = localBrokers;
  }

  /** Starts the embedded broker when no broker is configured, and settles the endpoint; once. */
  @PostConstruct
  public synchronized void start() {
    if (endpoint != null) {
      return;
    }
    embedded = link.broker().isPresent() ? Optional.empty()
        : Optional.of(localBrokers.get().start(embeddedSettings, link.maxPacketSize()));
    endpoint = link.broker()
        .map(url -> new BrokerEndpoint(url, false, ""))
        .orElseGet(() -> new BrokerEndpoint(embedded.orElseThrow().url(), true, embedded.orElseThrow().note()));
  }

  /** The broker to talk to (after {@link #start()}, which the context calls before handing this out). */
  public synchronized BrokerEndpoint endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("the broker service is not started");
    }
    return endpoint;
  }

  @PreDestroy
  @Override
  public synchronized void close() {
    embedded.ifPresent(LocalBroker::close);
    embedded = Optional.empty();
  }
}
