package space.lunarbase.hal.device.as5600;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/** The AS5600 contract against a real sensor with a magnet on /dev/i2c-1 (run with -Phardware on a board). */
@Tag("hardware")
class As5600HardwareContractTest extends AbstractAs5600ContractTest {

  private Context pi4j;

  @Override
  protected As5600 createDevice() {
    assumeTrue(Files.exists(Path.of("/dev/i2c-1")), "no /dev/i2c-1");
    pi4j = Pi4J.newContextBuilder().add(LinuxFsI2CProvider.newInstance()).build();
    return new As5600(pi4j.create(I2C.newConfigBuilder(pi4j).id("enc").bus(1).device(As5600.ADDRESS)
        .provider(LinuxFsI2CProvider.ID).build()), "hw/enc");
  }

  @AfterEach
  void tearDown() {
    if (pi4j != null) {
      pi4j.shutdown();
    }
  }
}
