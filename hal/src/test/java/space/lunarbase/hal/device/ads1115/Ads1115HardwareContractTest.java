package space.lunarbase.hal.device.ads1115;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/** The ADS1115 contract against a real chip at 0x48 on /dev/i2c-1 (run with -Phardware on a board). */
@Tag("hardware")
class Ads1115HardwareContractTest extends AbstractAds1115ContractTest {

  private Context pi4j;

  @Override
  protected Ads1115 createDevice() {
    assumeTrue(Files.exists(Path.of("/dev/i2c-1")), "no /dev/i2c-1");
    pi4j = Pi4J.newContextBuilder().add(LinuxFsI2CProvider.newInstance()).build();
    I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("adc").bus(1).device(0x48)
        .provider(LinuxFsI2CProvider.ID).build());
    return new Ads1115(i2c, new Ads1115.Settings("hw/adc", Ads1115.DataRate.SPS_128));
  }

  @AfterEach
  void tearDown() {
    if (pi4j != null) {
      pi4j.shutdown();
    }
  }
}
