package space.lunarbase.hal.sim.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.pwm.Pwm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pi4J handles from a context holding only our GPIO providers reach the plant, and back. */
class SimPinsTest {

  final SimPins pins = new SimPins();
  final Context pi4j = Pi4J.newContextBuilder().add(pins.providers()).build();

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  DigitalInput input(int pin) {
    return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("in-" + pin).address(pin).build());
  }

  @Test
  void handlesAreOurs() {
    DigitalInput in = input(17);
    DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("out").address(5).build());
    Pwm pwm = pi4j.create(Pwm.newConfigBuilder(pi4j).id("pwm").address(12).build());

    assertThat(in.provider().id()).isEqualTo(SimDigitalInputProvider.ID);
    assertThat(out.provider().id()).isEqualTo(SimDigitalOutputProvider.ID);
    assertThat(pwm.provider().id()).isEqualTo(SimPwmProvider.ID);
  }

  @Test
  void inputReadsThePlantAndRefreshFiresEdges() {
    AtomicBoolean plant = new AtomicBoolean(false);
    pins.driveInput(17, plant::get);
    DigitalInput in = input(17);
    List<DigitalState> events = new ArrayList<>();
    in.addListener(e -> events.add(e.state()));

    assertThat(in.state()).isEqualTo(DigitalState.LOW);
    plant.set(true);
    pins.refresh();
    pins.refresh(); // no change, no event

    assertThat(events).containsExactly(DigitalState.HIGH);
    assertThat(in.isHigh()).isTrue();
  }

  @Test
  void undrivenInputReadsItsPull() {
    DigitalInput up = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("up").address(20)
        .pull(PullResistance.PULL_UP).build());
    DigitalInput down = input(21);

    assertThat(up.isHigh()).isTrue();
    assertThat(down.isLow()).isTrue();
  }

  @Test
  void stuckInputIgnoresThePlantUntilCleared() {
    pins.driveInput(17, () -> false);
    DigitalInput in = input(17);

    pins.injectStuck(17, true);
    assertThat(in.isHigh()).isTrue();

    pins.clearFaults(17);
    assertThat(in.isLow()).isTrue();
  }

  @Test
  void chatteringInputFlipsOnEachReadThenSettles() {
    pins.driveInput(17, () -> true);
    DigitalInput in = input(17);
    assertThat(in.isHigh()).isTrue();

    pins.injectChatter(17, 4);

    assertThat(List.of(in.isHigh(), in.isHigh(), in.isHigh(), in.isHigh(), in.isHigh(), in.isHigh()))
        .containsExactly(false, true, false, true, true, true);
  }

  @Test
  void outputChangesReachTheListener() {
    List<Boolean> seen = new ArrayList<>();
    pins.onOutput(5, (pin, high) -> seen.add(high));
    DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("out").address(5)
        .initial(DigitalState.LOW).build());

    out.high();
    out.high(); // not a change
    out.low();
    out.toggle();

    assertThat(seen).containsExactly(false, true, false, true);
    assertThat(pins.outputHigh(5)).isTrue();
  }

  @Test
  void pwmReportsDutyAndFrequency() {
    List<PwmState> seen = new ArrayList<>();
    pins.onPwm(12, (address, state) -> seen.add(state));
    Pwm pwm = pi4j.create(Pwm.newConfigBuilder(pi4j).id("pwm").address(12).build());

    pwm.on(40, 1000);
    pwm.setDutyCycle(60);
    pwm.off();

    assertThat(seen).containsExactly(new PwmState(true, 40, 1000), new PwmState(true, 60, 1000),
        new PwmState(false, 60, 1000));
    assertThat(pins.pwm(12).effectiveDuty()).isZero();
  }
}
