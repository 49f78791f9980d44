package space.lunarbase.fsw.core.health;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@code bank}, {@code tracker}, {@code rail} and {@code core} in {@code /health}, each a
 * {@link SubsystemHealth} report (the link's report is in the link's own indicator, with its
 * connection). Every subsystem appears, whether or not this board has its hardware.
 */
@Factory
final class SubsystemHealthIndicators {

  @Singleton
  @Named("bank")
  HealthIndicator bank(SubsystemHealth health) {
    return indicator(health, "bank");
  }

  @Singleton
  @Named("tracker")
  HealthIndicator tracker(SubsystemHealth health) {
    return indicator(health, "tracker");
  }

  @Singleton
  @Named("rail")
  HealthIndicator rail(SubsystemHealth health) {
    return indicator(health, "rail");
  }

  @Singleton
  @Named("core")
  HealthIndicator core(SubsystemHealth health) {
    return indicator(health, "core");
  }

  private static HealthIndicator indicator(SubsystemHealth health, String subsystem) {
    return new HealthIndicator() {
      @Override
      public Publisher<HealthResult> getResult() {
        SubsystemHealth.Report report = health.report(subsystem);
        return Publishers.just(HealthResult.builder(subsystem, report.status()).details(report.details()).build());
      }
    };
  }
}
