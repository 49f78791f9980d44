package space.lunarbase.fsw.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.function.ToLongFunction;
import space.lunarbase.fsw.core.command.CommandCounters;
import space.lunarbase.fsw.core.command.CommandStats;

/**
 * The command path on {@code /prometheus}: {@code lunarbase_commands_total{status=...}} (received,
 * accepted, completed, failed, dropped, unanswered; anonymous: refusals charged to the shared bucket;
 * on_reserve: safing commands accepted on a key's reserve; expedited: safing commands taken ahead of
 * the queue), {@code lunarbase_commands_rejected_total{reason=...}}
 * (one per reason, e.g. BAD_MAC) and the queue depth, from {@link CommandCounters}.
 */
@Singleton
final class CommandMeters implements MeterBinder {

  private final CommandCounters counters;

  CommandMeters(CommandCounters counters) {
    this.counters = counters;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    status(registry, "received", CommandStats::received);
    status(registry, "accepted", CommandStats::accepted);
    status(registry, "completed", CommandStats::completed);
    status(registry, "failed", CommandStats::failed);
    status(registry, "dropped", CommandStats::dropped);
    status(registry, "unanswered", CommandStats::unanswered);
    status(registry, "anonymous", CommandStats::anonymous);
    status(registry, "on_reserve", CommandStats::onReserve);
    status(registry, "expedited", CommandStats::expedited);
    for (String reason : counters.snapshot().rejected().keySet()) {
      FunctionCounter.builder("lunarbase.commands.rejected", counters,
              c -> c.snapshot().rejected().getOrDefault(reason, 0L))
          .description("commands rejected, by reason").tag("reason", reason.replaceFirst("^REASON_", ""))
          .register(registry);
    }
    Gauge.builder("lunarbase.commands.queue.depth", counters, c -> c.snapshot().queueDepth())
        .description("messages waiting for the dispatcher").register(registry);
  }

  private void status(MeterRegistry registry, String status, ToLongFunction<CommandStats> f) {
    FunctionCounter.builder("lunarbase.commands", counters, c -> f.applyAsLong(c.snapshot()))
        .description("messages on cmd, by what became of them").tag("status", status).register(registry);
  }
}
