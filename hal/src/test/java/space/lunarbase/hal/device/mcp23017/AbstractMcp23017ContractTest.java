package space.lunarbase.hal.device.mcp23017;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What every MCP23017 must do for the bleed outputs, simulated or real: start() leaves the output
 * pins outputs and low, written levels appear on the pins, and inputs are left alone. Subclasses
 * supply a driver (not yet started) whose output mask is {@link #OUTPUTS}.
 */
abstract class AbstractMcp23017ContractTest {

  /** GPA0..GPA7 and GPB0..GPB3 outputs (12 cells); GPB4..GPB7 stay inputs. */
  static final int OUTPUTS = 0x0FFF;

  protected abstract Mcp23017 createDevice();

  @Test
  void startMakesTheMaskedPinsOutputsAndLow() {
    Mcp23017 device = createDevice();
    device.start();

    assertThat(device.readDirection()).isEqualTo(0xF000);
    assertThat(device.readLatches() & OUTPUTS).isZero();
    assertThat(device.readPins() & OUTPUTS).isZero();
  }

  @Test
  void writtenLevelsAppearOnThePinsOfBothPorts() {
    Mcp23017 device = createDevice();
    device.start();

    device.writeOutputs(0x0A05); // GPA0, GPA2, GPB1, GPB3

    assertThat(device.readLatches() & OUTPUTS).isEqualTo(0x0A05);
    assertThat(device.readPins() & OUTPUTS).isEqualTo(0x0A05);
    device.writeOutputs(0);
    assertThat(device.readPins() & OUTPUTS).isZero();
  }

  @Test
  void bitsOutsideTheMaskAreNotDriven() {
    Mcp23017 device = createDevice();
    device.start();

    device.writeOutputs(0xF001);

    assertThat(device.readLatches()).isEqualTo(0x0001);
    assertThat(device.readDirection()).isEqualTo(0xF000);
  }

  @Test
  void startAgainTurnsEveryOutputOff() {
    Mcp23017 device = createDevice();
    device.start();
    device.writeOutputs(OUTPUTS);

    device.start();

    assertThat(device.readPins() & OUTPUTS).isZero();
  }
}
