package space.lunarbase.hal.device.ads1115;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * What any ADS1115 behind the driver must do, simulated or real. Subclasses supply a started-able
 * device; the real one is skipped when there is no bus.
 */
abstract class AbstractAds1115ContractTest {

  /** A driver for a chip that answers; {@link Ads1115#start()} not yet called. */
  protected abstract Ads1115 createDevice();

  @Test
  void startKeepsTheConfiguration() {
    createDevice().start();
  }

  @Test
  void everySingleEndedChannelConvertsWithinItsRange() {
    Ads1115 adc = createDevice();
    adc.start();
    for (int n = 0; n < 4; n++) {
      Ads1115.Channel channel = adc.channel(Ads1115.Input.single(n), Ads1115.Range.FS_4_096V);
      double volts = channel.readVolts();
      assertThat(volts).isBetween(-0.05, 4.096);
    }
  }

  @Test
  void rawAndVoltsAgree() {
    Ads1115 adc = createDevice();
    adc.start();
    Ads1115.Channel channel = adc.channel(Ads1115.Input.AIN0, Ads1115.Range.FS_6_144V);
    int raw = channel.readRaw();
    assertThat(Ads1115.volts(raw, Ads1115.Range.FS_6_144V)).isCloseTo((short) raw * 6.144 / 32768, within(1e-12));
  }
}
