package space.lunarbase.hal.device.ds18b20;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.sim.SimOneWireBus;
import space.lunarbase.hal.sim.SimOneWireBus.Fault;

/** The contract against a simulated 1-Wire folder, plus the simulated faults. */
class SimDs18b20ContractTest extends AbstractDs18b20ContractTest {

  static final String ID = "28-00000a1b2c3d";
  @TempDir Path dir;
  final AtomicReference<Double> truth = new AtomicReference<>(21.3);
  SimOneWireBus bus;

  @BeforeEach
  void setUp() {
    bus = new SimOneWireBus(dir.resolve("devices")).add(ID, truth::get);
  }

  @Override
  protected Ds18b20 createDevice() {
    return new Ds18b20(bus.root(), ID, "bank-a/t1");
  }

  @Override
  protected Ds18b20 createAbsentDevice() {
    return new Ds18b20(bus.root(), "28-ffffffffffff", "bank-a/t9");
  }

  @Test
  void readsThePlantQuantisedToASixteenthOfADegree() throws Exception {
    assertThat(createDevice().readCelsius()).isEqualTo(21.3125); // round(21.3 x 16) / 16
    truth.set(-20.0);
    bus.refresh();
    assertThat(createDevice().readCelsius()).isEqualTo(-20.0);
    assertThat(Files.readString(bus.root().resolve(ID).resolve("w1_slave"))).contains("YES")
        .endsWith("t=-20000\n");
  }

  @Test
  void crcErrorThrowsThenRecovers() {
    bus.inject(ID, Fault.CRC_ERROR);
    assertThatThrownBy(createDevice()::readCelsius).isInstanceOf(DeviceException.class).hasMessageContaining("NO");
    bus.inject(ID, Fault.NONE);
    assertThat(createDevice().readCelsius()).isEqualTo(21.3125);
  }

  @Test
  void powerOnResetReadsAsEightyFiveAndIsImplausible() {
    bus.inject(ID, Fault.POWER_ON_RESET);
    double celsius = createDevice().readCelsius();
    assertThat(celsius).isEqualTo(85.0);
    assertThat(Ds18b20.plausibility(celsius)).contains("power-on");
  }

  @Test
  void vanishedDeviceThrowsUntilItReturns() {
    bus.inject(ID, Fault.VANISHED);
    assertThat(dir.resolve("devices").resolve(ID)).doesNotExist();
    assertThatThrownBy(createDevice()::readCelsius).isInstanceOf(DeviceException.class)
        .hasMessageContaining("folder").hasMessageContaining(ID);
    bus.inject(ID, Fault.NONE);
    assertThat(createDevice().readCelsius()).isEqualTo(21.3125);
  }

  @Test
  void stuckValueStopsFollowingThePlant() {
    bus.inject(ID, Fault.STUCK);
    truth.set(40.0);
    bus.refresh();
    assertThat(createDevice().readCelsius()).isEqualTo(21.3125);
    bus.inject(ID, Fault.NONE);
    assertThat(createDevice().readCelsius()).isEqualTo(40.0);
  }
}
