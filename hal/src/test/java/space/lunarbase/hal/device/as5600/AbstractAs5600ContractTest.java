package space.lunarbase.hal.device.as5600;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** What any AS5600 behind the driver must do with a magnet mounted, simulated or real. */
abstract class AbstractAs5600ContractTest {

  protected abstract As5600 createDevice();

  @Test
  void readsATwelveBitAngleWithAGoodMagnet() {
    As5600.Reading r = createDevice().read();
    assertThat(r.rawAngle()).isBetween(0, 4095);
    assertThat(r.degrees()).isCloseTo(r.rawAngle() * 360.0 / 4096, within(1e-12));
    assertThat(r.magnetFault()).isEmpty();
    assertThat(r.magnitude()).isBetween(0, 4095);
  }

  @Test
  void scaledAngleIsTwelveBits() {
    assertThat(createDevice().readScaledAngle()).isBetween(0, 4095);
  }
}
