package space.lunarbase.hal.device.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.sim.gpio.SimPins;

/** Debouncing by counting reads, on a simulated pin. */
class SwitchTest {

  final SimPins pins = new SimPins();
  final Context pi4j = Pi4J.newContextBuilder().add(pins.providers()).build();
  final AtomicBoolean pressed = new AtomicBoolean();
  final Switch limit;

  SwitchTest() {
    pins.driveInput(4, () -> !pressed.get()); // closed = low
    DigitalInput in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("sw").address(4).build());
    limit = new Switch(in, new Switch.Settings("t/limit", false, 3, 10));
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Test
  void readsOpenAndClosed() {
    assertThat(limit.read()).isEqualTo(Switch.State.OPEN);
    pressed.set(true);
    assertThat(limit.read()).isEqualTo(Switch.State.CLOSED);
  }

  @Test
  void shortChatterSettlesWithinOneRead() {
    pressed.set(true);
    pins.injectChatter(4, 5);
    assertThat(limit.read()).isEqualTo(Switch.State.CLOSED);
  }

  @Test
  void longChatterIsUnstable() {
    pins.injectChatter(4, 100);
    assertThat(limit.read()).isEqualTo(Switch.State.UNSTABLE);
    pins.clearFaults(4);
    assertThat(limit.read()).isEqualTo(Switch.State.OPEN);
  }
}
