package space.lunarbase.hal.device.as5600;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.sim.SimAs5600;
import space.lunarbase.hal.sim.SimI2CProvider;

/** Datasheet conversions, and the driver against the simulated sensor, faults included. */
class As5600Test {

  final AtomicReference<Double> angle = new AtomicReference<>(90.0);
  final SimAs5600 chip = new SimAs5600(angle::get);
  final Context pi4j = Pi4J.newContextBuilder().add(new SimI2CProvider().attach(1, As5600.ADDRESS, chip)).build();
  final I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("enc").bus(1).device(As5600.ADDRESS).build());
  final As5600 encoder = new As5600(i2c, "t/enc");

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Test
  void rawToDegreesFollowsTheDatasheet() {
    assertThat(As5600.degrees(1024)).isEqualTo(90.0);
    assertThat(As5600.degrees(0)).isZero();
    assertThat(As5600.degrees(4095)).isCloseTo(359.912109375, within(1e-12));
    assertThat(As5600.degrees(0x1000)).as("only 12 bits").isZero();
  }

  @Test
  void readsThePlantAngle() {
    As5600.Reading r = encoder.read();
    assertThat(r.rawAngle()).isEqualTo(1024);
    assertThat(r.degrees()).isEqualTo(90.0);
    assertThat(r.magnetDetected()).isTrue();
    angle.set(-90.0);
    assertThat(encoder.read().rawAngle()).isEqualTo(3072);
  }

  @Test
  void angleRegisterHoldsItsPointerOnRepeatedReads() {
    byte[] four = new byte[4];
    i2c.readRegister(As5600.REG_RAW_ANGLE, four, 0, 4);
    assertThat(four).containsExactly(0x04, 0x00, 0x04, 0x00);
    assertThat(encoder.readScaledAngle()).isEqualTo(1024);
  }

  @Test
  void magnetFaultsShowInStatus() {
    chip.injectMagnet(SimAs5600.Magnet.LOST);
    assertThat(encoder.read().magnetFault()).contains("no magnet");
    chip.injectMagnet(SimAs5600.Magnet.TOO_WEAK);
    assertThat(encoder.read().magnetFault()).contains("too weak");
    chip.injectMagnet(SimAs5600.Magnet.TOO_STRONG);
    assertThat(encoder.read().magnetFault()).contains("too strong");
    chip.clearFaults();
    assertThat(encoder.read().magnetFault()).isEmpty();
  }

  @Test
  void stuckAngleAndNoise() {
    chip.injectStuckAngle(true);
    angle.set(180.0);
    assertThat(encoder.read().rawAngle()).isEqualTo(1024);
    chip.clearFaults();
    chip.injectNoise(3);
    assertThat(encoder.read().rawAngle()).isBetween(2045, 2051);
  }

  @Test
  void nackBecomesDeviceException() {
    chip.injectNack(true);
    assertThatThrownBy(encoder::read).isInstanceOf(DeviceException.class)
        .hasMessageContaining("t/enc").hasMessageContaining("NACK");
  }
}
