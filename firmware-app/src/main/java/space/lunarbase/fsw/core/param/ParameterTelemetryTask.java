package space.lunarbase.fsw.core.param;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.time.Duration;
import java.time.InstantSource;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.ParameterTelemetry;
import space.lunarbase.proto.v1.ParameterValue;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Publishes every parameter on {@code tlm/params}: at start and every
 * {@code lunarbase.core.parameters-period} (default 1 min, a rate-group task), and at once after
 * each change (naming the parameter that changed).
 */
@Context
public final class ParameterTelemetryTask implements RateGroupTask {

  /** The stream parameter frames go to. */
  public static final String STREAM = "tlm/params";

  private final Parameters parameters;
  private final HeaderStamper headers;
  private final Outbox outbox;
  private final InstantSource clock;
  private final int qos;

  public ParameterTelemetryTask(Parameters parameters, RateGroupDriver driver, HeaderStamper headers, Outbox outbox,
                                InstantSource clock, StoreAndForwardSettings storeAndForward,
                                @Value("${lunarbase.core.parameters-period:1m}") Duration period) {
    this.parameters = parameters;
    this.headers = headers;
    this.outbox = outbox;
    this.clock = clock;
    this.qos = storeAndForward.telemetryQos();
    if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofHours(24)) > 0) {
      throw new InvalidConfigException("lunarbase.core.parameters-period", period, "use a duration from 1s to 24h");
    }
    driver.every(period, "lunarbase.core.parameters-period", this, true);
    parameters.onChange(changed -> publish(changed.spec().name()));
  }

  @Override
  public String name() {
    return "parameter-telemetry";
  }

  @Override
  public void run(java.time.Instant cycleTime) {
    publish("");
  }

  /** Sends every parameter; {@code changed} names the one that just changed, or is empty. */
  void publish(String changed) {
    ParameterTelemetry.Builder params = ParameterTelemetry.newBuilder().setChanged(changed);
    for (Parameters.Entry e : parameters.all()) {
      params.addParameters(ParameterValue.newBuilder().setName(e.spec().name()).setValue(e.value())
          .setDefaultValue(e.defaultValue()).setUnit(e.spec().value().unit()).setInterlock(e.spec().interlock())
          .setSource(switch (e.source()) {
            case DEFAULT -> ParameterValue.Source.SOURCE_DEFAULT;
            case PERSISTED -> ParameterValue.Source.SOURCE_PERSISTED;
            case COMMANDED -> ParameterValue.Source.SOURCE_COMMANDED;
          }));
    }
    TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(headers.next(STREAM, clock.instant()))
        .setParams(params).build();
    outbox.offer(new Outbound(STREAM, frame.toByteArray(), qos, false));
  }
}
