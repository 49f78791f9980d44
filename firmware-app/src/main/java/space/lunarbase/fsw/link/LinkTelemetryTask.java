package space.lunarbase.fsw.link;

import io.micronaut.context.annotation.Context;
import java.time.InstantSource;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.wire.Topics;

/** Publishes the link's own health on {@code tlm/link} every {@code lunarbase.link.health-period}, in a rate group. */
@Context
final class LinkTelemetryTask {

  static final String STREAM = Topics.telemetry("link");

  private final MqttLink link;
  private final HeaderStamper headers;
  private final Outbox outbox;
  private final InstantSource clock;
  private final int qos;

  LinkTelemetryTask(MqttLink link, HeaderStamper headers, Outbox outbox, InstantSource clock,
                    StoreAndForwardSettings storeAndForward, RateGroupDriver rateGroups, LinkSettings settings) {
    this.link = link;
    this.headers = headers;
    this.outbox = outbox;
    this.clock = clock;
    this.qos = storeAndForward.telemetryQos();
    rateGroups.every(settings.healthPeriod(), "lunarbase.link.health-period",
        RateGroupTask.of("link-health", cycleTime -> publish()), false);
  }

  void publish() {
    TelemetryFrame frame = TelemetryFrame.newBuilder()
        .setHeader(headers.next(STREAM, clock.instant()))
        .setLink(link.health().toTelemetry())
        .build();
    outbox.offer(new Outbound(STREAM, frame.toByteArray(), qos, false));
  }
}
