package space.lunarbase.fsw.core.channel;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;

/**
 * The limit monitor in the firmware: every {@link ChannelSet} bean, checked every
 * {@code lunarbase.limits.period} (default 1 s) on the rate group that divides it, and published on
 * {@code tlm/channels} every {@code lunarbase.channels.period} (default: every check; a whole
 * multiple of the limits period), with the catalogue at least every
 * {@code lunarbase.channels.catalogue-period} (default 1 min).
 */
@Factory
final class ChannelBeans {

  private static final String LIMITS = "lunarbase.limits.period";
  private static final String CHANNELS = "lunarbase.channels.period";
  private static final String CATALOGUE = "lunarbase.channels.catalogue-period";

  @Singleton
  LimitMonitor limitMonitor(List<ChannelSet> sets, EventLog events, List<LimitListener> listeners) {
    return new LimitMonitor(sets, events, listeners);
  }

  @Singleton
  ChannelFrames channelFrames(LimitMonitor monitor, HeaderStamper headers, Outbox outbox,
                              StoreAndForwardSettings storeAndForward, @Value("${" + LIMITS + ":1s}") Duration limits,
                              @Value("${" + CHANNELS + ":}") String channels,
                              @Value("${" + CATALOGUE + ":1m}") Duration catalogue) {
    checkLimitsPeriod(limits);
    Duration period = channels.isBlank() ? limits : parse(channels);
    if (period.compareTo(limits) < 0 || period.toNanos() % limits.toNanos() != 0) {
      throw new InvalidConfigException(CHANNELS, period, "use a whole multiple of " + LIMITS + " (" + limits + ")");
    }
    if (catalogue.compareTo(Duration.ofSeconds(1)) < 0 || catalogue.compareTo(Duration.ofHours(24)) > 0) {
      throw new InvalidConfigException(CATALOGUE, catalogue, "use a duration from 1s to 24h");
    }
    int everyCycles = Math.toIntExact(period.toNanos() / limits.toNanos());
    // every frame carries the catalogue when frames are further apart than the catalogue period
    int catalogueEvery = Math.toIntExact(Math.max(1, (catalogue.toNanos() + period.toNanos() - 1) / period.toNanos()));
    return new ChannelFrames(monitor, headers, outbox, storeAndForward.telemetryQos(), everyCycles, catalogueEvery);
  }

  /** Registers the limit cycle (check, then publish) on the rate group that divides the limits period. */
  @Context
  LimitCycle limitCycle(LimitMonitor monitor, ChannelFrames frames, RateGroupDriver rateGroups,
                        @Value("${" + LIMITS + ":1s}") Duration period) {
    checkLimitsPeriod(period);
    LimitCycle cycle = new LimitCycle(monitor, frames);
    rateGroups.every(period, LIMITS, cycle);
    return cycle;
  }

  private static void checkLimitsPeriod(Duration period) {
    if (period.compareTo(Duration.ofMillis(10)) < 0 || period.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new InvalidConfigException(LIMITS, period, "use a duration from 10ms to 1m");
    }
  }

  private static Duration parse(String text) {
    try {
      return io.micronaut.core.convert.ConversionService.SHARED.convertRequired(text.strip(), Duration.class);
    } catch (RuntimeException e) {
      throw new InvalidConfigException(CHANNELS, text, "not a duration (e.g. 1s, 500ms, 1m)");
    }
  }
}
