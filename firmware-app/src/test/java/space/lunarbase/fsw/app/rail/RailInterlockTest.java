package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import space.lunarbase.proto.v1.Event;

/**
 * Each interlock refuses ARM with its own reason (and FAILED, SAFE, ARM_REFUSED naming it, the
 * arm output never left low); a failure while ARMING or ARMED makes the rail SAFE with
 * INTERLOCK_LOST; FIRE checks them all again.
 */
class RailInterlockTest {

  @TempDir
  Path data;

  static Stream<Arguments> refusals() {
    return Stream.of(
        refusal("the bank is empty", t -> { }, "bank: holds 0 J, the shot needs 50000 J"),
        refusal("the bank's cell ADC does not answer", t -> {
          t.charged();
          t.board.bankSim().orElseThrow().adc(0).injectNack(true);
        }, "bank: not ready: cell 0 FAILED"),
        refusal("the bank holds less than the shot needs", t -> t.charge(Duration.ofSeconds(40)),
            "the shot needs 50000 J"),
        refusal("the rail is not clear", t -> {
          t.charged();
          t.railSim.setRailClear(false);
        }, "rail not clear"),
        refusal("the breech is open", t -> {
          t.charged();
          t.railSim.setBreechLatched(false);
        }, "breech not latched"),
        refusal("a rail thermistor reads too hot", t -> {
          t.charged();
          t.railSim.plant().setRailTemperatureC(3, 75);
        }, "temperatures: thermistor 3 at 75.0 degC outside -60.0..60.0"),
        refusal("a rail thermistor reads too cold", t -> {
          t.charged();
          t.railSim.plant().setRailTemperatureC(0, -80);
        }, "temperatures: thermistor 0 at -80.0 degC outside -60.0..60.0"),
        refusal("a rail thermistor is open", t -> {
          t.charged();
          t.railSim.plant().setRailTemperatureC(5, Double.NaN);
        }, "front-end: thermistor fault"),
        refusal("the front-end answers garbage", t -> {
          t.charged();
          t.railSim.spi().injectFault(0, 0, (mosi, miso) -> miso[miso.length - 1] ^= 0x01);
        }, "front-end: clear the FIFO: rail-1/frontend"));
  }

  private static Arguments refusal(String what, Consumer<RailTester> setUp, String reason) {
    return Arguments.of(what, setUp, reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void eachInterlockRefusesArmWithItsReason(String what, Consumer<RailTester> setUp, String reason) {
    try (RailTester tester = new RailTester(data)) {
      setUp.accept(tester);
      tester.completed(tester.plan());

      String text = tester.failed(tester.command("rail.ARM"));

      assertThat(text).startsWith("rail.ARM refused by the interlocks: ").contains(reason);
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      Event refused = tester.events("ARM_REFUSED").getFirst();
      assertThat(refused.getArgsMap().values()).anySatisfy(v -> assertThat(v).contains(reason));
      assertThat(refused.getArgsMap()).containsEntry("payload", RailTester.PAYLOAD).containsEntry("arm", "1");
      assertThat(tester.events("RAIL_STATE_CHANGED")).extracting(e -> e.getArgsMap().get("to"))
          .containsExactly("ARMING", "SAFE");
      assertThat(tester.rail.armOutput().active()).isFalse();
      assertThat(tester.sequencer.plan()).as("the plan stays for the next try").isPresent();
    }
  }

  @Test
  void everyFailedInterlockIsListedNotOnlyTheFirst() {
    try (RailTester tester = new RailTester(data)) {
      tester.railSim.setRailClear(false);
      tester.railSim.setBreechLatched(false);
      tester.railSim.plant().setRailTemperatureC(1, 90);
      tester.completed(tester.plan());

      assertThat(tester.failed(tester.command("rail.ARM"))).isEqualTo("rail.ARM refused by the interlocks:"
          + " bank: holds 0 J, the shot needs 50000 J; rail not clear; breech not latched;"
          + " temperatures: thermistor 1 at 90.0 degC outside -60.0..60.0");
    }
  }

  @Test
  void withoutABankOnThisControllerArmIsRefused() {
    try (RailTester tester = new RailTester(data, false)) {
      tester.charged();
      tester.completed(tester.plan());
      assertThat(tester.failed(tester.command("rail.ARM"))).contains("bank: no bank on this controller");
    }
  }

  @Test
  void armWithoutAPlanIsRefused() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      assertThat(tester.failed(tester.command("rail.ARM")))
          .isEqualTo("rail.ARM refused in SAFE: no shot planned: send rail.PLAN_SHOT first");
      assertThat(tester.events("RAIL_STATE_CHANGED")).isEmpty();
    }
  }

  @Test
  void anInterlockLostWhileArmingOrArmedMakesTheRailSafe() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      tester.completed(tester.plan());
      tester.completed(tester.command("rail.ARM"));
      tester.railSim.setBreechLatched(false);
      tester.cycle();
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      assertThat(tester.events("INTERLOCK_LOST").getFirst().getText()).contains("in ARMING").contains(
          "breech not latched");

      tester.railSim.setBreechLatched(true);
      tester.armed();
      assertThat(tester.sequencer.arm()).isEqualTo(2);
      tester.railSim.setRailClear(false);
      tester.cycle();
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      assertThat(tester.events("INTERLOCK_LOST").getLast().getText()).contains("arm 2 in ARMED: rail not clear");
      tester.assertHardwareSafe();
    }
  }

  @Test
  void fireChecksTheInterlocksAgain() {
    try (RailTester tester = new RailTester(data)) {
      tester.charged();
      String arm = tester.armed();
      tester.railSim.plant().setRailTemperatureC(2, 70); // between two cycles: FIRE sees it first

      assertThat(tester.failed(tester.fire(arm))).isEqualTo("rail.FIRE refused by the interlocks:"
          + " temperatures: thermistor 2 at 70.0 degC outside -60.0..60.0; the rail is SAFE");
      assertThat(tester.sequencer.state()).isEqualTo(RailState.SAFE);
      tester.assertHardwareSafe();
      assertThat(tester.railSim.plant().energyUsedJ()).as("nothing fired").isZero();
    }
  }
}
