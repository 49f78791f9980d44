package space.lunarbase.fsw.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;
import space.lunarbase.fsw.core.rate.RateGroup;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupStatus;

/**
 * The rate groups on {@code /prometheus}, tagged {@code group}: cycles, overruns and skipped
 * deadlines as counters; lateness p50/p99/p99.9/max (seconds, the last one to two statistics
 * windows) as gauges, NaN before the groups start.
 */
@Singleton
final class RateGroupMeters implements MeterBinder {

  private final RateGroupDriver driver;

  RateGroupMeters(RateGroupDriver driver) {
    this.driver = driver;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    driver.specs().forEach(spec -> {
      String name = spec.name();
      counter(registry, name, "lunarbase.rategroup.cycles", "cycles run", RateGroupStatus::cycles);
      counter(registry, name, "lunarbase.rategroup.overruns", "cycles that ended after the next deadline",
          RateGroupStatus::overruns);
      counter(registry, name, "lunarbase.rategroup.skipped", "deadlines skipped after overruns",
          RateGroupStatus::skipped);
      lateness(registry, name, "p50", RateGroupStatus::latenessP50);
      lateness(registry, name, "p99", RateGroupStatus::latenessP99);
      lateness(registry, name, "p99.9", RateGroupStatus::latenessP999);
      lateness(registry, name, "max", RateGroupStatus::latenessMax);
    });
  }

  private void counter(MeterRegistry registry, String group, String meter, String description,
                       ToDoubleFunction<RateGroupStatus> f) {
    FunctionCounter.builder(meter, driver, d -> read(d, group, f, 0)).description(description).tag("group", group)
        .register(registry);
  }

  private void lateness(MeterRegistry registry, String group, String percentile, ToDoubleFunction<RateGroupStatus> f) {
    Gauge.builder("lunarbase.rategroup.lateness", driver, d -> read(d, group, f, Double.NaN) / 1e9)
        .description("cycle start minus deadline").baseUnit("seconds").tags("group", group, "percentile", percentile)
        .register(registry);
  }

  private static double read(RateGroupDriver driver, String group, ToDoubleFunction<RateGroupStatus> f,
                             double before) {
    for (RateGroup g : driver.groups()) {
      if (g.name().equals(group)) {
        return f.applyAsDouble(g.status());
      }
    }
    return before;
  }
}
