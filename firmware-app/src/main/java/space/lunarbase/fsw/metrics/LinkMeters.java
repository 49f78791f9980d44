package space.lunarbase.fsw.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;
import space.lunarbase.fsw.link.LinkHealth;
import space.lunarbase.fsw.link.MqttLink;
import space.lunarbase.proto.v1.LinkTelemetry;

/**
 * The link on {@code /prometheus} ({@code lunarbase_link_*}): the counters and levels of
 * {@link LinkHealth}, read at each scrape.
 */
@Singleton
final class LinkMeters implements MeterBinder {

  private final MqttLink link;

  LinkMeters(MqttLink link) {
    this.link = link;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "lunarbase.link.published", "messages handed to the broker", LinkHealth::published);
    counter(registry, "lunarbase.link.replayed", "journaled messages delivered after the broker came back",
        LinkHealth::replayed);
    counter(registry, "lunarbase.link.reconnects", "connections lost and made again", LinkHealth::reconnects);
    counter(registry, "lunarbase.link.garbage.received", "undecodable messages on subscribed topics",
        LinkHealth::garbageReceived);
    FunctionCounter.builder("lunarbase.link.dropped", link, l -> l.health().outboxDropped())
        .description("messages dropped").tag("where", "outbox").register(registry);
    FunctionCounter.builder("lunarbase.link.dropped", link, l -> l.health().journalDropped())
        .description("messages dropped").tag("where", "journal").register(registry);
    FunctionCounter.builder("lunarbase.link.dropped", link, l -> l.health().outboundTooLarge())
        .description("messages dropped").tag("where", "too_large").register(registry);
    FunctionCounter.builder("lunarbase.link.inbound.dropped", link, l -> l.health().inboundOversize())
        .description("messages dropped on arrival on cmd or rebirth").tag("reason", "oversize").register(registry);
    FunctionCounter.builder("lunarbase.link.inbound.dropped", link, l -> l.health().inboundRetained())
        .description("messages dropped on arrival on cmd or rebirth").tag("reason", "retained").register(registry);
    counter(registry, "lunarbase.link.takeovers", "times another client took the controller's client id",
        LinkHealth::takeovers);
    gauge(registry, "lunarbase.link.outbox.depth", "messages waiting in memory", LinkHealth::outboxDepth);
    gauge(registry, "lunarbase.link.journal.pending", "journaled messages not yet delivered",
        LinkHealth::journalPending);
    Gauge.builder("lunarbase.link.journal", link, l -> l.health().journalBytes()).baseUnit("bytes")
        .description("bytes in the store-and-forward journal").register(registry);
    gauge(registry, "lunarbase.link.inflight", "QoS 1 messages sent and not yet acknowledged", LinkHealth::inflight);
    gauge(registry, "lunarbase.link.up", "1 when the link is OK",
        h -> h.status() == LinkTelemetry.Status.STATUS_OK ? 1 : 0);
  }

  private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<LinkHealth> f) {
    FunctionCounter.builder(name, link, l -> f.applyAsDouble(l.health())).description(description)
        .register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<LinkHealth> f) {
    Gauge.builder(name, link, l -> f.applyAsDouble(l.health())).description(description).register(registry);
  }
}
