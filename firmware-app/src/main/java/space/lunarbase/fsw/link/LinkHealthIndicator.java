package space.lunarbase.fsw.link;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import space.lunarbase.fsw.core.health.SubsystemHealth;
import space.lunarbase.proto.v1.LinkTelemetry;

/**
 * The link in {@code /health}: UP when connected; UNAVAIL (still operational: telemetry is being
 * journaled) when the broker is away; DOWN when its receive path is dead (no command can arrive)
 * or messages cannot be kept, with {@code failure} saying why. Details carry the counters
 * and, as for every subsystem, the link's mode and limit state ({@link SubsystemHealth}), whose
 * status (ALARM, SAFED, WARN) wins over UP and UNAVAIL, never over DOWN.
 */
@Singleton
final class LinkHealthIndicator implements HealthIndicator {

  static final HealthStatus UNAVAIL = new HealthStatus("UNAVAIL", "broker unreachable; storing and forwarding",
      true, null);

  private final MqttLink link;
  private final SubsystemHealth subsystems;

  LinkHealthIndicator(MqttLink link, SubsystemHealth subsystems) {
    this.link = link;
    this.subsystems = subsystems;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    LinkHealth health = link.health();
    HealthStatus status = switch (health.status()) {
      case STATUS_OK -> HealthStatus.UP;
      case STATUS_UNAVAIL -> UNAVAIL;
      default -> HealthStatus.DOWN;
    };
    SubsystemHealth.Report report = subsystems.report("link");
    if (!HealthStatus.DOWN.equals(status) && !HealthStatus.UP.equals(report.status())) {
      status = report.status();
    }
    Map<String, Object> details = new LinkedHashMap<>(report.details());
    details.put("broker", health.broker());
    details.put("state", health.status() == LinkTelemetry.Status.STATUS_OK ? "OK" : health.status().name().substring(7));
    details.put("outboxDepth", health.outboxDepth());
    details.put("outboxCapacity", health.outboxCapacity());
    details.put("dropped", health.outboxDropped() + health.journalDropped());
    details.put("journalBytes", health.journalBytes());
    details.put("journalPending", health.journalPending());
    details.put("journalCorrupt", health.journalCorrupt());
    details.put("replayed", health.replayed());
    details.put("published", health.published());
    details.put("reconnects", health.reconnects());
    details.put("garbageReceived", health.garbageReceived());
    details.put("inflight", health.inflight());
    details.put("protocol", health.protocol());
    details.put("clientId", health.clientId());
    details.put("inboundOversize", health.inboundOversize());
    details.put("inboundRetained", health.inboundRetained());
    details.put("takeovers", health.takeovers());
    details.put("outboundTooLarge", health.outboundTooLarge());
    details.put("receiveIdleMs", health.receiveIdleMillis());
    if (!health.failure().isEmpty()) {
      details.put("failure", health.failure());
    }
    return Publishers.just(HealthResult.builder("link", status).details(details).build());
  }
}
