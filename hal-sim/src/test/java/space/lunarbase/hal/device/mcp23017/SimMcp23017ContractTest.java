package space.lunarbase.hal.device.mcp23017;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.sim.SimI2CProvider;
import space.lunarbase.hal.sim.SimMcp23017;

/** The contract against the simulated chip behind our own provider, plus its faults. */
class SimMcp23017ContractTest extends AbstractMcp23017ContractTest {

  static final int BUS = 1;
  static final int ADDRESS = 0x20;
  final SimMcp23017 chip = new SimMcp23017();
  final AtomicInteger driven = new AtomicInteger(-1);
  Context pi4j;
  I2C i2c;

  @BeforeEach
  void setUp() {
    chip.onOutputs(driven::set);
    pi4j = Pi4J.newContextBuilder().add(new SimI2CProvider().attach(BUS, ADDRESS, chip)).build();
    i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("mcp").bus(BUS).device(ADDRESS).build());
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Override
  protected Mcp23017 createDevice() {
    return new Mcp23017(i2c, "bank-a/bleed0", OUTPUTS);
  }

  @Test
  void powerOnIsAllInputsAndNothingDriven() {
    assertThat(chip.direction()).isEqualTo(Mcp23017.POWER_ON_IODIR);
    assertThat(driven.get()).isZero();
  }

  @Test
  void theLoadSeesTheDrivenPins() {
    Mcp23017 device = createDevice();
    device.start();
    device.writeOutputs(0x0801);
    assertThat(driven.get()).isEqualTo(0x0801);
  }

  @Test
  void nackFailsNamingTheDeviceThenRecovers() {
    Mcp23017 device = createDevice();
    device.start();
    chip.injectNack(true);
    assertThatThrownBy(() -> device.writeOutputs(1)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("bank-a/bleed0").hasMessageContaining("NACK");
    chip.injectNack(false);
    device.writeOutputs(1);
    assertThat(driven.get()).isEqualTo(1);
  }

  @Test
  void stuckOutputIsCaughtByTheReadBack() {
    Mcp23017 device = createDevice();
    device.start();
    chip.injectStuckPin(9, false);

    assertThatThrownBy(() -> device.writeOutputs(0x0200)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("GPB1").hasMessageContaining("do not follow");
    assertThat(driven.get()).isZero();

    chip.injectStuckPin(9, null);
    device.writeOutputs(0x0200);
    assertThat(driven.get()).isEqualTo(0x0200);
  }

  @Test
  void brownOutIsDetectedAndStartRecovers() {
    Mcp23017 device = createDevice();
    device.start();
    device.writeOutputs(0x00FF);
    chip.brownOut();
    assertThat(driven.get()).isZero();

    assertThatThrownBy(() -> device.writeOutputs(0x00FF)).isInstanceOf(DeviceException.class)
        .hasMessageContaining("reset").hasMessageContaining("0xFFFF");

    device.start();
    device.writeOutputs(0x00FF);
    assertThat(driven.get()).isEqualTo(0x00FF);
  }

  @Test
  void pointerAutoIncrementsAndRollsOver() {
    i2c.writeRegister(0x15, new byte[] {0x12, 0x34}, 0, 2); // OLATB, then rolls over to IODIRA
    byte[] two = new byte[2];
    i2c.readRegister(0x15, two, 0, 2);
    assertThat(two).containsExactly(0x12, 0x34);
    assertThat(chip.direction() & 0xFF).isEqualTo(0x34);
  }

  @Test
  void maskMustFitSixteenPins() {
    assertThatThrownBy(() -> new Mcp23017(i2c, "x", 0x1_0000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Mcp23017(i2c, "x", 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Mcp23017.pinNames(0x0101)).isEqualTo("GPA0,GPB0");
  }
}
