package space.lunarbase.hal.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every Pi4J I2C form reaches the attached chip, with register-pointer semantics. */
class SimI2CProviderTest {

  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
  final SimIna226 chip = new SimIna226(new CapacitorStringPlant(CapacitorStringPlant.Spec.demo(), clock), 0.002);
  final SimI2CProvider provider = new SimI2CProvider().attach(1, 0x41, chip);
  final Context pi4j = Pi4J.newContextBuilder().add(provider).build();
  final I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("chip").bus(1).device(0x41).build());

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Test
  void handleIsOurs() {
    assertThat(i2c.provider()).isSameAs(provider);
    assertThat(pi4j.registry().exists("chip")).isTrue();
  }

  @Test
  void wordHelpersAreBigEndian() {
    assertThat(i2c.readRegisterWord(0xFE)).isEqualTo(0x5449);
    assertThat(i2c.readRegisterWord(0xFF)).isEqualTo(0x2260);

    i2c.writeRegisterWord(0x05, 0x1234);

    assertThat(chip.calibration()).isEqualTo(0x1234);
    byte[] two = new byte[2];
    assertThat(i2c.readRegister(0x05, two, 0, 2)).isEqualTo(2);
    assertThat(two).containsExactly(0x12, 0x34);
  }

  @Test
  void pointerWriteThenReadInOneTransaction() {
    byte[] two = new byte[2];
    i2c.execute(() -> {
      i2c.write((byte) 0xFE);
      return i2c.read(two, 0, 2);
    });
    assertThat(two).containsExactly(0x54, 0x49);
    assertThat(i2c.read()).isEqualTo(0x54); // the pointer stays
  }

  @Test
  void byteArrayRegisterFormsWork() {
    i2c.writeRegister(new byte[] {0x07}, new byte[] {0x0A, 0x0B}, 0, 2);
    byte[] two = new byte[2];
    i2c.readRegister(new byte[] {0x07}, two, 0, 2);
    assertThat(two).containsExactly(0x0A, 0x0B);
    assertThat(i2c.readRegister(0x07)).isEqualTo(0x0A);
  }

  @Test
  void configurationResetRestoresDefaults() {
    i2c.writeRegisterWord(0x05, 0x0ABC);
    i2c.writeRegisterWord(0x00, 0x8000);

    assertThat(chip.calibration()).isZero();
    assertThat(i2c.readRegisterWord(0x00)).isEqualTo(0x4127);
  }

  @Test
  void anAddressWithNoChipNacks() {
    I2C nobody = pi4j.create(I2C.newConfigBuilder(pi4j).id("nobody").bus(1).device(0x4F).build());

    assertThatThrownBy(() -> nobody.readRegisterWord(0xFE))
        .isInstanceOf(Pi4JException.class)
        .hasRootCauseInstanceOf(IOException.class).hasRootCauseMessage(
            "NACK: no device at address 0x4F on simulated bus 1");
  }

  @Test
  void injectedNackFailsEveryTransaction() {
    chip.injectNack(true);
    assertThatThrownBy(() -> i2c.writeRegisterWord(0x05, 1)).isInstanceOf(Pi4JException.class);
    assertThatThrownBy(i2c::read).isInstanceOf(Pi4JException.class);
    chip.clearFaults();
    assertThat(i2c.readRegisterWord(0xFE)).isEqualTo(0x5449);
  }
}
