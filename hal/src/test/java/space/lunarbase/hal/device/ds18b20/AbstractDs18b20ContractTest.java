package space.lunarbase.hal.device.ds18b20;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;

/**
 * What every DS18B20 behind the Linux 1-Wire sysfs files must do, whether the folder is the
 * kernel's or a simulated one. Subclasses supply a present device and an absent one.
 */
abstract class AbstractDs18b20ContractTest {

  /** A DS18B20 that is on the bus, at an ordinary temperature (not 85 °C). */
  protected abstract Ds18b20 createDevice();

  /** A DS18B20 whose id is not on the same bus. */
  protected abstract Ds18b20 createAbsentDevice();

  @Test
  void readsAPlausibleTwelveBitTemperature() {
    double celsius = createDevice().readCelsius();

    assertThat(Ds18b20.plausibility(celsius)).isEmpty();
    assertThat(celsius * 16).isCloseTo(Math.rint(celsius * 16), within(1e-9));
  }

  @Test
  void twoReadsInARowAgreeWithinADegree() {
    Ds18b20 device = createDevice();
    assertThat(device.readCelsius()).isCloseTo(device.readCelsius(), within(1.0));
  }

  @Test
  void absentDeviceIsADeviceExceptionNamingItsFolder() {
    Ds18b20 absent = createAbsentDevice();
    assertThatThrownBy(absent::readCelsius).isInstanceOf(DeviceException.class)
        .hasMessageContaining(absent.id()).hasMessageContaining(absent.name());
  }
}
