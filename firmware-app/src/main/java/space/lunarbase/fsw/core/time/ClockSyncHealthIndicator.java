package space.lunarbase.fsw.core.time;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The clock in {@code /health} as {@code clockSync}: UP while synchronised, UNSYNCHRONISED (HTTP 200:
 * a restart would not mend it) while not, when time-critical commands are refused. Details:
 * synchronised, source, detail, checkedAt.
 */
@Singleton
final class ClockSyncHealthIndicator implements HealthIndicator {

  /** The clock is not synchronised: time-critical commands are refused. */
  static final HealthStatus UNSYNCHRONISED = new HealthStatus("UNSYNCHRONISED",
      "the clock is not synchronised: time-critical commands are refused", null, 15);

  private final ClockSyncMonitor monitor;

  ClockSyncHealthIndicator(ClockSyncMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    ClockSyncMonitor.Reading reading = monitor.current();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("synchronised", reading.synchronised());
    details.put("source", reading.status().source());
    details.put("detail", reading.status().detail());
    details.put("checkedAt", reading.checkedAt().toString());
    HealthStatus status = reading.synchronised() ? HealthStatus.UP : UNSYNCHRONISED;
    return Publishers.just(HealthResult.builder("clockSync", status).details(details).build());
  }
}
