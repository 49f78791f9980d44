package space.lunarbase.hal.device.ads1115;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.sim.SimAds1115;
import space.lunarbase.hal.sim.SimI2CProvider;

/** Datasheet conversions, and the driver against the simulated chip, faults included. */
class Ads1115Test {

  final SimAds1115 chip = new SimAds1115(7).input(0, () -> 1.0).input(1, () -> 2.5).input(2, () -> 5.0)
      .input(3, () -> 0.25);
  final Context pi4j = Pi4J.newContextBuilder().add(new SimI2CProvider().attach(1, 0x49, chip)).build();
  final I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("adc").bus(1).device(0x49).build());
  final AtomicLong pausedNanos = new AtomicLong();
  final Ads1115 adc = new Ads1115(i2c, new Ads1115.Settings("t/adc", Ads1115.DataRate.SPS_128), timing(pausedNanos));

  static Ads1115.Timing fakeTiming() {
    return timing(new AtomicLong());
  }

  static Ads1115.Timing timing(AtomicLong nanos) {
    return new Ads1115.Timing() {
      @Override
      public long nanoTime() {
        return nanos.get();
      }

      @Override
      public void pause(long pause) {
        nanos.addAndGet(pause);
      }
    };
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Test
  void codesFollowTheDatasheet() {
    assertThat(Ads1115.volts(0x7FFF, Ads1115.Range.FS_4_096V)).isCloseTo(4.096 * 32767 / 32768, within(1e-12));
    assertThat(Ads1115.volts(0x8000, Ads1115.Range.FS_4_096V)).isCloseTo(-4.096, within(1e-12));
    assertThat(Ads1115.volts(0x0001, Ads1115.Range.FS_0_256V)).isCloseTo(7.8125e-6, within(1e-15));
    assertThat(Ads1115.volts(0xFFFF, Ads1115.Range.FS_2_048V)).isCloseTo(-62.5e-6, within(1e-15));
  }

  @Test
  void configWordMatchesTheDefaultLayout() {
    // Power-on default 0x8583 = OS, AIN0-AIN1, +-2.048 V, single-shot, 128 SPS, comparator off
    assertThat(Ads1115.configWord(Ads1115.Input.AIN0_MINUS_AIN1, Ads1115.Range.FS_2_048V, Ads1115.DataRate.SPS_128, true))
        .isEqualTo(Ads1115.CONFIG_DEFAULT);
    assertThat(Ads1115.configWord(Ads1115.Input.AIN3, Ads1115.Range.FS_0_256V, Ads1115.DataRate.SPS_860, false))
        .isEqualTo(0b0_111_101_1_111_00011);
  }

  @Test
  void addressesByAddrPin() {
    assertThat(Ads1115.Address.GND.address()).isEqualTo(0x48);
    assertThat(Ads1115.Address.VDD.address()).isEqualTo(0x49);
    assertThat(Ads1115.Address.SDA.address()).isEqualTo(0x4A);
    assertThat(Ads1115.Address.SCL.address()).isEqualTo(0x4B);
  }

  @Test
  void deadlineIsTheConversionTimePlusTolerance() {
    assertThat(Ads1115.DataRate.SPS_8.conversionTime()).isEqualTo(Duration.ofMillis(125));
    assertThat(adc.conversionDeadline()).isEqualTo(Duration.ofNanos(7_812_500L * 11 / 10).plusMillis(2));
  }

  @Test
  void singleEndedChannelsReadTheirInputsWithinOneLsb() {
    adc.start();
    Ads1115.Range range = Ads1115.Range.FS_4_096V;
    assertThat(adc.channel(Ads1115.Input.AIN0, range).readVolts()).isCloseTo(1.0, within(range.lsbV()));
    assertThat(adc.channel(Ads1115.Input.AIN1, range).readVolts()).isCloseTo(2.5, within(range.lsbV()));
    assertThat(adc.channel(Ads1115.Input.AIN3, Ads1115.Range.FS_0_256V).readVolts())
        .isCloseTo(0.25, within(Ads1115.Range.FS_0_256V.lsbV()));
    assertThat(chip.config() & 0x0100).as("single-shot").isNotZero();
  }

  @Test
  void differentialPairsSubtract() {
    adc.start();
    assertThat(adc.channel(Ads1115.Input.AIN0_MINUS_AIN1, Ads1115.Range.FS_2_048V).readVolts())
        .isCloseTo(-1.5, within(1e-4));
    assertThat(adc.channel(Ads1115.Input.AIN0_MINUS_AIN3, Ads1115.Range.FS_2_048V).readVolts())
        .isCloseTo(0.75, within(1e-4));
  }

  @Test
  void inputsBeyondTheRangeSaturate() {
    adc.start();
    assertThat(adc.channel(Ads1115.Input.AIN2, Ads1115.Range.FS_4_096V).readRaw()).isEqualTo(0x7FFF);
    assertThat(adc.channel(Ads1115.Input.AIN0_MINUS_AIN1, Ads1115.Range.FS_0_512V).readRaw()).isEqualTo(0x8000);
  }

  @Test
  void waitsWhileTheChipIsBusy() {
    adc.start();
    chip.pollsPerConversion(3);
    assertThat(adc.channel(Ads1115.Input.AIN0, Ads1115.Range.FS_4_096V).readVolts()).isCloseTo(1.0, within(2e-4));
  }

  @Test
  void neverReadyTimesOutAtTheDeadlineThenRecovers() {
    adc.start();
    chip.injectNeverReady(true);
    Ads1115.Channel channel = adc.channel(Ads1115.Input.AIN0, Ads1115.Range.FS_4_096V);

    assertThatThrownBy(channel::readVolts).isInstanceOf(DeviceException.class)
        .hasMessageContaining("t/adc").hasMessageContaining("not ready");
    assertThat(pausedNanos.get()).isBetween(adc.conversionDeadline().toNanos(),
        adc.conversionDeadline().toNanos() + 1_000_000);

    chip.clearFaults();
    assertThat(channel.readVolts()).isCloseTo(1.0, within(2e-4));
  }

  @Test
  void nackBecomesDeviceException() {
    adc.start();
    chip.injectNack(true);
    assertThatThrownBy(() -> adc.channel(Ads1115.Input.AIN0, Ads1115.Range.FS_4_096V).readVolts())
        .isInstanceOf(DeviceException.class).hasMessageContaining("NACK");
  }

  @Test
  void missingChipFailsStart() {
    I2C nobody = pi4j.create(I2C.newConfigBuilder(pi4j).id("nobody").bus(1).device(0x4B).build());
    assertThatThrownBy(new Ads1115(nobody, new Ads1115.Settings("t/none", Ads1115.DataRate.SPS_8), fakeTiming())::start)
        .isInstanceOf(DeviceException.class).hasMessageContaining("t/none");
  }

  @Test
  void flippedBitAndNoiseShowInTheResult() {
    adc.start();
    Ads1115.Channel channel = adc.channel(Ads1115.Input.AIN0, Ads1115.Range.FS_4_096V);
    int clean = channel.readRaw();
    chip.injectFlippedBit(15);
    assertThat(channel.readRaw()).isEqualTo(clean ^ 0x8000);
    chip.clearFaults();
    chip.injectNoise(0.01);
    assertThat(channel.readVolts()).isNotCloseTo(1.0, within(1e-4)).isCloseTo(1.0, within(0.06));
  }
}
