package space.lunarbase.hal.device.ds18b20;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.sim.SimOneWireBus;

class Ds18b20ParseTest {

  /** A real answer from a DS18B20 at room temperature (raspberrypi.org forum dump). */
  static final String REAL = "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n";

  @Test
  void realAnswerIs23_125Celsius() {
    assertThat(Ds18b20.parse("t", REAL)).isEqualTo(23.125);
  }

  @Test
  void crc8OfTheRealScratchpadIsItsByte8() {
    byte[] pad = {0x72, 0x01, 0x4b, 0x46, 0x7f, (byte) 0xff, 0x0e, 0x10, 0x57};
    assertThat(Ds18b20.crc8(pad, 8)).isEqualTo(0x57);
    assertThat(Ds18b20.crc8(pad, 9)).isZero(); // a CRC over data plus its CRC is zero
  }

  @Test
  void negativeTemperaturesAreSignExtended() {
    // datasheet table 1: -10.125 °C = 0xFF5E, -55 °C = 0xFC90
    assertThat(Ds18b20.parse("t", SimOneWireBus.w1SlaveText(-10.125, false))).isEqualTo(-10.125);
    assertThat(Ds18b20.parse("t", SimOneWireBus.w1SlaveText(-55, false))).isEqualTo(-55.0);
    assertThat(SimOneWireBus.w1SlaveText(-10.125, false)).startsWith("5e ff ").contains("t=-10125");
    assertThat(SimOneWireBus.w1SlaveText(125, false)).startsWith("d0 07 ").contains("t=125000");
  }

  @Test
  void kernelCrcNoIsADeviceFault() {
    String text = REAL.replace("crc=57 YES", "crc=3a NO");
    assertThatThrownBy(() -> Ds18b20.parse("bank-a/t1", text)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("bank-a/t1").hasMessageContaining("CRC check failed");
  }

  @Test
  void scratchpadCrcMismatchIsCaughtEvenIfTheKernelSaidYes() {
    String text = REAL.replace("72 01 4b", "73 01 4b");
    assertThatThrownBy(() -> Ds18b20.parse("t", text)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("CRC-8");
  }

  @Test
  void allZeroScratchpadIsRejected() {
    String zeros = "00 00 00 00 00 00 00 00 00 : crc=00 YES\n00 00 00 00 00 00 00 00 00 t=0\n";
    assertThatThrownBy(() -> Ds18b20.parse("t", zeros)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("all zeros");
  }

  @Test
  void malformedOrTruncatedTextIsRejected() {
    assertThatThrownBy(() -> Ds18b20.parse("t", "")).isInstanceOf(DeviceException.class);
    assertThatThrownBy(() -> Ds18b20.parse("t", REAL.substring(0, 40))).isInstanceOf(DeviceException.class);
    assertThatThrownBy(() -> Ds18b20.parse("t", REAL.replace("t=23125", "t=99000")))
        .isInstanceOf(DeviceException.class).hasMessageContaining("disagrees");
  }

  @Test
  void powerOnValueAndOutOfRangeAreImplausible() {
    assertThat(Ds18b20.parse("t", SimOneWireBus.w1SlaveText(85, false))).isEqualTo(85.0);
    assertThat(Ds18b20.plausibility(85.0)).contains("power-on reset");
    assertThat(Ds18b20.plausibility(84.9375)).isEmpty();
    assertThat(Ds18b20.plausibility(-55)).isEmpty();
    assertThat(Ds18b20.plausibility(125)).isEmpty();
    assertThat(Ds18b20.plausibility(125.0625)).contains("outside");
    assertThat(Ds18b20.plausibility(-56)).contains("outside");
  }

  @Test
  void idsAreCheckedAndGiveTheFolder() {
    Ds18b20 d = new Ds18b20(Path.of("/x"), "28-0316a27950ff", "n");
    assertThat(d.folder()).isEqualTo(Path.of("/x/28-0316a27950ff"));
    assertThatThrownBy(() -> new Ds18b20(Path.of("/x"), "10-0316a27950ff", "n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10-0316a27950ff");
    assertThatThrownBy(() -> new Ds18b20(Path.of("/x"), "28-0316A27950FF", "n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
