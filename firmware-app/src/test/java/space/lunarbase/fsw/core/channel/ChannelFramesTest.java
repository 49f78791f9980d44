package space.lunarbase.fsw.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.hal.Quality;
import space.lunarbase.proto.v1.ChannelInfo;
import space.lunarbase.proto.v1.ChannelTelemetry;
import space.lunarbase.proto.v1.LimitLevel;
import space.lunarbase.proto.v1.TelemetryFrame;

/** Monitor cycles in, {@code tlm/channels} frames out: values, qualities, levels and the catalogue's cadence. */
class ChannelFramesTest {

  static final ChannelSpec VOLTS = ChannelSpec.of("bank.pack_voltage", "V").yellow(Double.NaN, 30).red(Double.NaN, 31.5)
      .persistence(1);
  static final ChannelSpec TEMP = ChannelSpec.of("bank.temperature_00", "degC").yellow(-30, 55).red(-40, 65)
      .persistence(1);

  final Instant start = Instant.parse("2030-01-01T00:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(start);
  final Outbox outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 1000, 1000, Duration.ofSeconds(1),
      Duration.ofSeconds(1)));
  final HeaderStamper headers = new HeaderStamper(new ControllerSettings("test-site", "ctl-1", "unused"),
      new BootInfo(1, start, "test"));
  final AtomicReference<Sample> volts = new AtomicReference<>(Sample.good(24.5));
  final AtomicReference<Sample> celsius = new AtomicReference<>(Sample.good(20));
  final LimitMonitor monitor = new LimitMonitor(List.of(() -> List.of(new Channel(VOLTS, volts::get),
      new Channel(TEMP, celsius::get))), new EventLog(headers, outbox, now::get), List.of());

  /** Runs {@code cycles} monitor cycles a second apart; returns the channel frames published. */
  List<ChannelTelemetry> run(ChannelFrames frames, int cycles) throws Exception {
    List<ChannelTelemetry> out = new ArrayList<>();
    for (int i = 0; i < cycles; i++) {
      now.set(now.get().plusSeconds(1));
      monitor.evaluate(now.get());
      frames.afterCycle(now.get());
      for (Outbound o = outbox.poll(Duration.ZERO); o != null; o = outbox.poll(Duration.ZERO)) {
        if (o.stream().equals(ChannelFrames.STREAM)) {
          TelemetryFrame frame = TelemetryFrame.parseFrom(o.payload());
          assertThat(frame.getHeader().getSampleTimeNs()).isEqualTo(HeaderStamper.nanos(now.get()));
          out.add(frame.getChannels());
        }
      }
    }
    return out;
  }

  @Test
  void everyChannelGoesOutInCatalogueOrderWithNothingButValuesWhenAllIsWell() throws Exception {
    ChannelFrames frames = new ChannelFrames(monitor, headers, outbox, 1, 1, 100);

    List<ChannelTelemetry> out = run(frames, 2);

    assertThat(out).hasSize(2);
    ChannelTelemetry first = out.getFirst();
    assertThat(first.getCatalogue().getChannelsList()).extracting(ChannelInfo::getName, ChannelInfo::getUnit)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bank.pack_voltage", "V"),
            org.assertj.core.groups.Tuple.tuple("bank.temperature_00", "degC"));
    ChannelInfo temp = first.getCatalogue().getChannels(1);
    assertThat(List.of(temp.getYellowLow(), temp.getYellowHigh(), temp.getRedLow(), temp.getRedHigh()))
        .containsExactly(-30.0, 55.0, -40.0, 65.0);
    assertThat(first.getCatalogue().getChannels(0).getYellowLow()).isNaN();
    assertThat(first.getCatalogueId()).isEqualTo(frames.catalogueId()).isNotZero();
    assertThat(out.get(1).hasCatalogue()).as("the catalogue only now and then").isFalse();
    assertThat(out.get(1).getCatalogueId()).isEqualTo(first.getCatalogueId());
    assertThat(out.get(1).getValueList()).containsExactly(24.5f, 20f);
    assertThat(out.get(1).getQualityList()).as("all GOOD: none sent").isEmpty();
    assertThat(out.get(1).getLevelList()).as("all within limits: none sent").isEmpty();
    assertThat(out.get(1).getFaultsMap()).isEmpty();
  }

  @Test
  void levelsAreTheMonitorsAndABadReadingSaysWhy() throws Exception {
    ChannelFrames frames = new ChannelFrames(monitor, headers, outbox, 1, 1, 100);
    volts.set(Sample.good(30.7));
    celsius.set(Sample.bad(Quality.FAILED, "CRC mismatch (28-0000000001)"));

    ChannelTelemetry frame = run(frames, 1).getFirst();

    assertThat(frame.getLevelList()).containsExactly(LimitLevel.LIMIT_LEVEL_YELLOW_HI, LimitLevel.LIMIT_LEVEL_IN_LIMITS);
    assertThat(frame.getQualityList()).containsExactly(space.lunarbase.proto.v1.Quality.QUALITY_GOOD,
        space.lunarbase.proto.v1.Quality.QUALITY_FAILED);
    assertThat(frame.getValue(1)).isNaN();
    assertThat(frame.getFaultsMap()).containsExactly(java.util.Map.entry(1, "CRC mismatch (28-0000000001)"));

    volts.set(Sample.good(Double.POSITIVE_INFINITY));
    ChannelTelemetry infinite = run(frames, 1).getFirst();
    assertThat(infinite.getQuality(0)).as("GOOD but not finite is no measurement")
        .isEqualTo(space.lunarbase.proto.v1.Quality.QUALITY_OUT_OF_RANGE);
    assertThat(infinite.getFaultsMap()).containsEntry(0, "value Infinity");
  }

  @Test
  void framesFollowTheirPeriodAndTheCatalogueComesFirstEveryNthAndAfterEachBirth() throws Exception {
    ChannelFrames frames = new ChannelFrames(monitor, headers, outbox, 1, 2, 3);

    List<ChannelTelemetry> out = run(frames, 14);
    assertThat(out).as("every second cycle").hasSize(7);
    assertThat(out).extracting(ChannelTelemetry::hasCatalogue)
        .containsExactly(true, false, false, true, false, false, true);

    frames.born();
    assertThat(run(frames, 2)).extracting(ChannelTelemetry::hasCatalogue).containsExactly(true);
    assertThat(run(frames, 2)).extracting(ChannelTelemetry::hasCatalogue).containsExactly(false);
  }
}
