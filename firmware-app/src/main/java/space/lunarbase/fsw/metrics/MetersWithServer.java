package space.lunarbase.fsw.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * Builds the meter registry, and with it binds every meter binder ({@link LinkMeters},
 * {@link CommandMeters}, {@link RateGroupMeters}, the JVM's), when the HTTP server is made, before
 * it can answer a scrape. Nothing on the telemetry path needs the registry, so the start does not
 * build it sooner.
 */
@Singleton
final class MetersWithServer implements BeanCreatedEventListener<EmbeddedServer> {

  private final BeanProvider<MeterRegistry> registry;

  MetersWithServer(BeanProvider<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public EmbeddedServer onCreated(BeanCreatedEvent<EmbeddedServer> event) {
    registry.ifPresent(built -> { });
    return event.getBean();
  }
}
