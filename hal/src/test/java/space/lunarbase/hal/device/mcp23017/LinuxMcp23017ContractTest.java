package space.lunarbase.hal.device.mcp23017;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * The contract against a real MCP23017 at 0x20 on {@code /dev/i2c-1} (a bench board: the test
 * drives GPA0..GPB3). Skipped where the bus does not exist.
 */
@Tag("hardware")
class LinuxMcp23017ContractTest extends AbstractMcp23017ContractTest {

  static final Path BUS = Path.of("/dev/i2c-1");
  Context pi4j;

  @Override
  protected Mcp23017 createDevice() {
    assumeTrue(Files.exists(BUS), "no I2C bus " + BUS);
    pi4j = Pi4J.newContextBuilder().add(LinuxFsI2CProvider.newInstance()).build();
    I2C i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id("mcp23017-hw").bus(1).device(0x20)
        .provider(LinuxFsI2CProvider.ID).build());
    return new Mcp23017(i2c, "hw/mcp23017", OUTPUTS);
  }

  @AfterEach
  void tearDown() {
    if (pi4j != null) {
      pi4j.shutdown();
    }
  }
}
