package space.lunarbase.hal.device.stepper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.sim.gpio.SimPins;

/** The step/dir driver on simulated pins: pulses, direction, enable, fault, bounds. */
class StepDirDriverTest {

  final SimPins pins = new SimPins();
  final AtomicInteger position = new AtomicInteger();
  final AtomicBoolean fault = new AtomicBoolean();
  final Context pi4j;
  final StepDirDriver driver;

  StepDirDriverTest() {
    pins.onOutput(2, (pin, high) -> {
      if (high && !pins.outputHigh(4)) {
        position.addAndGet(pins.outputHigh(3) ? 1 : -1);
      }
    });
    pins.driveInput(5, () -> !fault.get());
    pi4j = Pi4J.newContextBuilder().add(pins.providers()).build();
    driver = new StepDirDriver(out(2), out(3), out(4),
        pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("fault").address(5).build()),
        new StepDirDriver.Settings("t/stepper", 100));
  }

  DigitalOutput out(int pin) {
    return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("out-" + pin).address(pin).build());
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Test
  void startsDisabledAndRefusesToStep() {
    assertThat(pins.outputHigh(4)).as("nENBL high").isTrue();
    assertThatThrownBy(() -> driver.step(10)).isInstanceOf(DeviceException.class).hasMessageContaining("disabled");
    assertThat(position.get()).isZero();
  }

  @Test
  void stepsBothWaysAndCounts() {
    driver.enable(true);
    assertThat(pins.outputHigh(4)).isFalse();
    assertThat(driver.step(40)).isEqualTo(40);
    assertThat(driver.step(-15)).isEqualTo(-15);
    assertThat(position.get()).isEqualTo(25);
    assertThat(driver.position()).isEqualTo(25);
  }

  @Test
  void movesAreBounded() {
    driver.enable(true);
    assertThatThrownBy(() -> driver.step(101)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("100");
  }

  @Test
  void faultRefusesUntilCleared() {
    driver.enable(true);
    fault.set(true);
    assertThatThrownBy(() -> driver.step(1)).isInstanceOf(DeviceException.class).hasMessageContaining("nFAULT");
    fault.set(false);
    assertThat(driver.step(1)).isEqualTo(1);
  }

  @Test
  void stopConditionEndsTheMove() {
    driver.enable(true);
    assertThat(driver.step(50, () -> position.get() >= 7)).isEqualTo(7);
  }
}
