package space.lunarbase.hal.device.railfe;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * The contract against a real front-end on {@code /dev/spidev0.0} (run with -Phardware on a
 * board wired to one). Skipped where the device file is missing.
 */
@Tag("hardware")
class LinuxRailFrontEndContractTest extends AbstractRailFrontEndContractTest {

  static final Path DEVICE = Path.of("/dev/spidev0.0");
  Context pi4j;

  @Override
  protected RailFrontEnd createDevice() {
    assumeTrue(Files.exists(DEVICE), "no " + DEVICE + ": not a board with a rail front-end");
    pi4j = Pi4J.newContextBuilder().add(LinuxFsSpiProvider.newInstance()).build();
    Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("railfe").bus(SpiBus.BUS_0).chipSelect(SpiChipSelect.CS_0)
        .mode(SpiMode.MODE_0).baud(4_000_000).provider(LinuxFsSpiProvider.ID).build());
    return new RailFrontEnd(spi, new RailFrontEnd.Settings("rail/frontend", 256));
  }

  @AfterEach
  void tearDown() {
    if (pi4j != null) {
      pi4j.shutdown();
    }
  }
}
