package space.lunarbase.fsw.core.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
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
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;

/** Samples in, levels, transitions and events out. */
class LimitMonitorTest {

  static final ChannelSpec TEMP = ChannelSpec.of("bank.temperature_00", "degC").yellow(-30, 55).red(-40, 65)
      .persistence(3);

  final Instant start = Instant.parse("2030-01-01T00:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(start);
  final Outbox outbox = new Outbox(new LinkSettings("", Duration.ofSeconds(10), 100, 1000, Duration.ofSeconds(1),
      Duration.ofSeconds(1)));
  final EventLog events = new EventLog(new HeaderStamper(new ControllerSettings("test-site", "ctl-1", "unused"),
      new BootInfo(1, start, "test")), outbox, (InstantSource) now::get);
  final AtomicReference<Sample> value = new AtomicReference<>(Sample.good(20));
  final List<LimitListener.Transition> transitions = new ArrayList<>();
  final LimitMonitor monitor = new LimitMonitor(List.of(() -> List.of(new Channel(TEMP, value::get))), events,
      List.of(transitions::add));

  /** Feeds {@code celsius} for {@code samples} cycles, one second apart (past the event throttle). */
  void feed(Sample sample, int samples) {
    value.set(sample);
    for (int i = 0; i < samples; i++) {
      now.set(now.get().plusSeconds(1));
      monitor.evaluate(now.get());
    }
  }

  void feed(double celsius, int samples) {
    feed(Sample.good(celsius), samples);
  }

  List<Event> events() throws Exception {
    List<Event> out = new ArrayList<>();
    for (Outbound o = outbox.poll(Duration.ZERO); o != null; o = outbox.poll(Duration.ZERO)) {
      out.add(Event.parseFrom(o.payload()));
    }
    return out;
  }

  @Test
  void aValueBeyondALimitForFewerThanPersistenceSamplesDoesNotTrip() throws Exception {
    feed(70, 2);
    feed(20, 1);
    feed(70, 2);

    assertThat(monitor.level(TEMP.name())).isEqualTo(Level.IN_LIMITS);
    assertThat(transitions).isEmpty();
    assertThat(events()).isEmpty();
  }

  @Test
  void persistenceSamplesBeyondRedTripWithAWarningHiEventNamingChannelValueAndLimit() throws Exception {
    feed(70, 3);

    assertThat(monitor.level(TEMP.name())).isEqualTo(Level.RED_HI);
    assertThat(transitions).singleElement().satisfies(t -> {
      assertThat(t.from()).isEqualTo(Level.IN_LIMITS);
      assertThat(t.to()).isEqualTo(Level.RED_HI);
      assertThat(t.limit()).isEqualTo(65.0);
    });
    Event red = events().getFirst();
    assertThat(red.getName()).isEqualTo("LIMIT_RED");
    assertThat(red.getSeverity()).isEqualTo(Severity.SEVERITY_WARNING_HI);
    assertThat(red.getArgsMap()).containsEntry("channel", "bank.temperature_00").containsEntry("value", "70.0")
        .containsEntry("limit", "65.0").containsEntry("to", "RED_HI");
  }

  @Test
  void yellowIsAWarningLoAndBelowTheLowLimitIsYellowLo() throws Exception {
    feed(60, 3);
    assertThat(monitor.level(TEMP.name())).isEqualTo(Level.YELLOW_HI);
    feed(-35, 3);
    assertThat(monitor.level(TEMP.name())).isEqualTo(Level.YELLOW_LO);

    assertThat(events()).extracting(Event::getName, Event::getSeverity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("LIMIT_YELLOW", Severity.SEVERITY_WARNING_LO),
        org.assertj.core.groups.Tuple.tuple("LIMIT_YELLOW", Severity.SEVERITY_WARNING_LO));
    assertThat(transitions).extracting(LimitListener.Transition::limit).containsExactly(55.0, -30.0);
  }

  @Test
  void backWithinLimitsForPersistenceSamplesClearsWithAnActivityLoEvent() throws Exception {
    feed(70, 3);
    events();
    feed(20, 2);
    assertThat(monitor.level(TEMP.name())).as("not yet: 2 of 3").isEqualTo(Level.RED_HI);
    feed(20, 1);

    assertThat(monitor.level(TEMP.name())).isEqualTo(Level.IN_LIMITS);
    Event cleared = events().getFirst();
    assertThat(cleared.getName()).isEqualTo("LIMIT_IN_LIMITS");
    assertThat(cleared.getSeverity()).isEqualTo(Severity.SEVERITY_ACTIVITY_LO);
    assertThat(cleared.getArgsMap()).containsEntry("from", "RED_HI").containsEntry("limit", "65.0");
  }

  @Test
  void badQualityNeverTripsBreaksTheRunAndRaisesItsOwnEventOnce() throws Exception {
    feed(Sample.bad(Quality.OUT_OF_RANGE, "85 C power-on value"), 5);
    assertThat(monitor.level(TEMP.name())).isEqualTo(Level.IN_LIMITS);
    feed(70, 2);
    feed(new Sample(Double.NaN, Quality.GOOD, ""), 1);
    feed(70, 2);

    assertThat(monitor.level(TEMP.name())).as("the bad sample broke the run").isEqualTo(Level.IN_LIMITS);
    assertThat(transitions).isEmpty();
    assertThat(events()).extracting(Event::getName).containsExactly("CHANNEL_BAD_QUALITY", "CHANNEL_QUALITY_GOOD",
        "CHANNEL_BAD_QUALITY", "CHANNEL_QUALITY_GOOD");
  }

  @Test
  void aChannelThatDoesNotApplyIsNeitherCheckedNorBadAndClearsABadReading() throws Exception {
    feed(Sample.notApplicable("not tracking (IDLE)"), 5);
    assertThat(events()).as("nothing to say about a quantity with no meaning now").isEmpty();
    assertThat(monitor.summary("bank").badQuality()).isEmpty();
    assertThat(monitor.sample(0).quality()).isEqualTo(Quality.STALE);

    feed(Sample.bad(Quality.FAILED, "encoder lost"), 1);
    assertThat(monitor.summary("bank").badQuality()).containsExactly(TEMP.name());
    feed(Sample.notApplicable("not tracking (FAULT)"), 1);
    assertThat(monitor.summary("bank").badQuality()).as("no longer a reading that cannot be used").isEmpty();
    feed(70, 2);
    feed(Sample.notApplicable("not tracking (IDLE)"), 1);
    feed(70, 2);
    assertThat(monitor.level(TEMP.name())).as("a run broken by a sample that does not apply").isEqualTo(Level.IN_LIMITS);
    assertThat(events()).extracting(Event::getName).containsExactly("CHANNEL_BAD_QUALITY");
  }

  @Test
  void aSourceThatThrowsIsABadQualitySampleAndTheMonitorGoesOn() throws Exception {
    LimitMonitor throwing = new LimitMonitor(List.of(() -> List.of(
        new Channel(ChannelSpec.of("bank.broken", "V"), () -> {
          throw new IllegalStateException("i2c timeout");
        }),
        new Channel(TEMP, value::get))), events, List.of(transitions::add));
    value.set(Sample.good(70));
    for (int i = 0; i < 3; i++) {
      throwing.evaluate(start);
    }

    assertThat(throwing.level(TEMP.name())).isEqualTo(Level.RED_HI);
    assertThat(events()).extracting(Event::getName).containsExactly("CHANNEL_BAD_QUALITY", "LIMIT_RED");
  }

  @Test
  void limitsMustNestAndNamesMustBeDistinct() {
    assertThatThrownBy(() -> ChannelSpec.of("bank.x", "V").yellow(0, 10).red(1, 20))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nest");
    assertThatThrownBy(() -> new LimitMonitor(List.of(() -> List.of(new Channel(TEMP, value::get),
        new Channel(TEMP, value::get))), events, List.of()))
        .hasMessageContaining("two channels named bank.temperature_00");
  }
}
