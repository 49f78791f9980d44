package space.lunarbase.fsw.core.seq;

import io.micronaut.context.annotation.Context;
import java.time.Instant;
import java.time.InstantSource;
import space.lunarbase.fsw.config.SequenceSettings;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.proto.v1.SequenceTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * Publishes every slot on {@code tlm/seq} ({@code SequenceTelemetry}, TelemetryFrame field 17): every
 * {@code lunarbase.sequences.telemetry-period} (a rate-group task, first one period after start),
 * and at once after each change of a slot (load, run, each entry, pause, resume, abort, clear, a
 * restore at start), naming that slot.
 */
@Context
public final class SequenceTelemetryTask implements RateGroupTask {

  /** The stream sequence frames go to. */
  public static final String STREAM = "tlm/seq";

  private final Sequencer sequencer;
  private final HeaderStamper headers;
  private final Outbox outbox;
  private final InstantSource clock;
  private final int qos;

  public SequenceTelemetryTask(Sequencer sequencer, RateGroupDriver driver, HeaderStamper headers, Outbox outbox,
                               InstantSource clock, StoreAndForwardSettings storeAndForward,
                               SequenceSettings settings) {
    this.sequencer = sequencer;
    this.headers = headers;
    this.outbox = outbox;
    this.clock = clock;
    this.qos = storeAndForward.telemetryQos();
    driver.every(settings.telemetryPeriod(), "lunarbase.sequences.telemetry-period", this, false);
    sequencer.onChange(this::publish);
  }

  @Override
  public String name() {
    return "sequence-telemetry";
  }

  @Override
  public void run(Instant cycleTime) {
    publish(0);
  }

  /** Sends every slot; {@code changed} names the slot that just changed, 0 for the periodic report. */
  void publish(int changed) {
    SequenceTelemetry seq = SequenceTelemetry.newBuilder().addAllSlots(sequencer.snapshot()).setChangedSlot(changed)
        .build();
    TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(headers.next(STREAM, clock.instant())).setSeq(seq)
        .build();
    outbox.offer(new Outbound(STREAM, frame.toByteArray(), qos, false));
  }
}
