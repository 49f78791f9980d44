package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARMED lasts rail.arm-window-s on the injected clock, then SAFE with ARM_EXPIRED; FIRE is good
 * only for a fresh arm: the current one, inside its window.
 */
class RailArmWindowTest {

  @TempDir
  Path data;

  @Test
  void armingSettlesThenArmedLastsItsWindowThenExpires() throws Exception {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      tester.completed(tester.plan());
      tester.completed(tester.command("rail.ARM"));
      tester.cycleFor(Duration.ofMillis(490));
      assertThat(tester.sequencer.state()).isEqualTo(RailState.ARMING);
      tester.cycleFor(Duration.ofMillis(20));
      assertThat(tester.sequencer.state()).as("after rail.arm-settle-s = 0.5 s").isEqualTo(RailState.ARMED);
      assertThat(tester.rail.armOutput().active()).isTrue();
      assertThat(tester.rail.readFrontEnd().status().armed()).isTrue();

      tester.cycleFor(Duration.ofMillis(29_990));
      assertThat(tester.sequencer.state()).isEqualTo(RailState.ARMED);
      tester.cycleFor(Duration.ofMillis(20));

      assertThat(tester.sequencer.state()).as("after rail.arm-window-s = 30 s").isEqualTo(RailState.SAFE);
      assertThat(tester.events("ARM_EXPIRED").getFirst().getText()).isEqualTo("arm 1 expired unused after 30.0 s");
      tester.assertHardwareSafe();
      assertThat(tester.failed(tester.fire(RailTester.NO_ARM))).isEqualTo("rail.FIRE refused in SAFE: the rail is not ARMED");
      assertThat(tester.railSim.plant().energyUsedJ()).isZero();
    }
  }

  @Test
  void theWindowIsAParameter() throws Exception {
    try (RailTester tester = new RailTester(data)) {
      tester.parameters.set(RailParameters.ARM_WINDOW_S, "5", "test");
      tester.charged();
      tester.armed();
      tester.cycleFor(Duration.ofMillis(5_010));
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      assertThat(tester.events("ARM_EXPIRED")).hasSize(1);
    }
  }

  @Test
  void aFireAfterTheWindowIsRefusedEvenBeforeTheSequenceNoticed() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      String arm = tester.armed();
      tester.clock.advance(Duration.ofSeconds(31)); // no sequence cycle has run since

      assertThat(tester.failed(tester.fire(arm))).startsWith("rail.FIRE refused: arm 1 expired");
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      assertThat(tester.events("ARM_EXPIRED")).hasSize(1);
      tester.assertHardwareSafe();
    }
  }

  @Test
  void aFireCarryingAnEarlierArmsTokenIsRefusedAndTheCurrentOneFires() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      String first = tester.armed();
      tester.completed(tester.command("rail.ABORT"));
      String second = tester.armed();
      assertThat(tester.sequencer.arm()).isEqualTo(2);
      assertThat(second).isNotEqualTo(first);

      assertThat(tester.failed(tester.fire(first))).isEqualTo("rail.FIRE refused in ARMED: token " + first
          + " is arm 1's, spent or abandoned; arm 2 is ARMED: a FIRE carries the token its ARM gave");
      assertThat(tester.sequencer.state()).isEqualTo(RailState.ARMED);
      assertThat(tester.completed(tester.fire(second))).isEqualTo("fired arm 2: sat-0001, 1 stage");
      assertThat(tester.failed(tester.fire(second))).isEqualTo("rail.FIRE refused in FIRE: a shot is in progress");
      assertThat(tester.railFrames().getLast().getArmToken()).as("a spent token is not published").isEmpty();
    }
  }
}
