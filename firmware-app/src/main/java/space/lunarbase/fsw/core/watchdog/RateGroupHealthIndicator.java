package space.lunarbase.fsw.core.watchdog;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import space.lunarbase.fsw.core.rate.RateGroup;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupStatus;

/**
 * The rate groups in {@code /health} as {@code rateGroups}: UP while every group progresses, DOWN
 * once one is stuck (or the watchdog has tripped). Details: per group its rate, cycles, overruns,
 * lateness and execution percentiles (µs), whether it is stuck and how its thread is scheduled.
 */
@Singleton
final class RateGroupHealthIndicator implements HealthIndicator {

  private final RateGroupDriver driver;
  private final Watchdog watchdog;

  RateGroupHealthIndicator(RateGroupDriver driver, Watchdog watchdog) {
    this.driver = driver;
    this.watchdog = watchdog;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    boolean down = watchdog.tripped();
    Map<String, Object> details = new LinkedHashMap<>();
    for (RateGroup group : driver.groups()) {
      boolean stuck = watchdog.stuck(group);
      down |= stuck;
      RateGroupStatus s = group.status();
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("rateHz", s.rateHz());
      g.put("stuck", stuck);
      g.put("scheduling", group.scheduling());
      g.put("cycles", s.cycles());
      g.put("overruns", s.overruns());
      g.put("skipped", s.skipped());
      g.put("latenessP99Us", s.latenessP99() / 1000);
      g.put("execP99Us", s.execP99() / 1000);
      g.put("execMaxUs", s.execMax() / 1000);
      g.put("tasks", s.tasks().stream().map(t -> t.name()).toList());
      details.put(group.name(), g);
    }
    details.put("watchdogTripped", watchdog.tripped());
    HealthStatus status = down ? HealthStatus.DOWN : HealthStatus.UP;
    return Publishers.just(HealthResult.builder("rateGroups", status).details(details).build());
  }
}
