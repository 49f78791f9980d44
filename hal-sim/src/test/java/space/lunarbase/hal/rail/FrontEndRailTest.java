package space.lunarbase.hal.rail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.device.railfe.FiringEntry;
import space.lunarbase.hal.device.railfe.FiringTable;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimulatedRail;
import space.lunarbase.hal.sim.SledPlant;

/** The rail's discretes, analogue channels and actions, each with time and quality. */
class FrontEndRailTest {

  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  final SimClock clock = SimClock.manual(T0);
  final SledPlant.Spec spec = SledPlant.Spec.demo();
  final RailWiring wiring = new RailWiring("rail-a", 0, 1, 4_000_000, 5, 6, 13, 19, spec.gatePositionsM(),
      spec.coilPositionsM());
  final SimulatedRail sim = SimulatedRail.start(wiring, spec, clock);
  final LaunchRail rail = sim.rail();

  @AfterEach
  void tearDown() {
    sim.close();
  }

  @Test
  void interlockInputsFollowThePlantAndCarryTime() {
    clock.advance(Duration.ofSeconds(2));
    assertThat(rail.breechLatched()).isEqualTo(new DiscreteReading(T0.plusSeconds(2), true, Quality.GOOD, ""));
    assertThat(rail.railClear().isActiveAndGood()).isTrue();

    sim.setRailClear(false);
    assertThat(rail.railClear().active()).isFalse();
    sim.pins().injectStuck(5, false);
    assertThat(rail.breechLatched().active()).isFalse();
    assertThat(rail.id()).isEqualTo("rail-a");
  }

  @Test
  void outputsAreDrivenAndReadBack() {
    assertThat(rail.armOutput().active()).isFalse();

    RailAction armed = rail.setArmOutput(true);

    assertThat(armed).isEqualTo(RailAction.done(T0));
    assertThat(sim.pins().outputHigh(13)).isTrue();
    assertThat(rail.armOutput().active()).isTrue();
    assertThat(rail.setFirePermit(true).done()).isTrue();
    assertThat(rail.readFrontEnd().status().firePermit()).as("fire permit reaches the front-end").isTrue();
    assertThat(rail.setFirePermit(false).done()).isTrue();
    assertThat(rail.firePermit().active()).isFalse();
  }

  @Test
  void refusedCommandsComeBackAsFailedActionsWithTheReason() {
    RailAction fire = rail.fire();
    assertThat(fire.done()).isFalse();
    assertThat(fire.reason()).contains("rail-a/frontend").contains("LOCKED");

    assertThat(rail.uploadFiringTable(new FiringTable(List.of(FiringEntry.afterFire(0, 0)))).done()).isTrue();
    assertThat(rail.armFrontEnd().done()).isTrue();
    assertThat(rail.disarmFrontEnd().done()).isTrue();
  }

  @Test
  void temperaturesAndCurrentsHaveOneValuePerChannel() {
    sim.plant().setRailTemperatureC(1, 35.5);

    ChannelReading temps = rail.readTemperatures();
    assertThat(temps.quality()).isEqualTo(Quality.GOOD);
    assertThat(temps.values()).hasSize(8);
    assertThat(temps.value(1)).isEqualTo(35.5);
    assertThat(rail.readCoilCurrents().values()).hasSize(8).containsOnly(0.0);

    sim.plant().setRailTemperatureC(4, Double.NaN);
    ChannelReading open = rail.readTemperatures();
    assertThat(open.quality()).isEqualTo(Quality.OUT_OF_RANGE);
    assertThat(open.fault()).contains("channel 4 open");
    assertThat(open.value(4)).isNaN();
    assertThat(open.value(1)).isEqualTo(35.5);
  }

  @Test
  void frontEndGoneGivesFailedReadingsNeverExceptions() {
    sim.spi().detach(0, 1);

    assertThat(rail.readTemperatures().quality()).isEqualTo(Quality.FAILED);
    assertThat(rail.readCoilCurrents().quality()).isEqualTo(Quality.FAILED);
    EventBatch batch = rail.drainEvents();
    assertThat(batch.quality()).isEqualTo(Quality.FAILED);
    assertThat(batch.fault()).contains("rail-a/frontend").contains("FIFO_COUNT");
    FrontEndReading fe = rail.readFrontEnd();
    assertThat(fe.quality()).isEqualTo(Quality.FAILED);
    assertThat(fe.counterNs()).isEqualTo(-1);
    assertThat(rail.disarmFrontEnd().done()).isFalse();
  }

  @Test
  void wiringThatDisagreesWithThePlantIsRejected() {
    RailWiring other = new RailWiring("rail-b", 0, 0, 4_000_000, 5, 6, 13, 19, List.of(1.0), spec.coilPositionsM());
    assertThatThrownBy(() -> SimulatedRail.start(other, spec, clock)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("disagree");
  }
}
