package space.lunarbase.hal.device.ds18b20;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;

/**
 * The contract against a real DS18B20 on a board with w1-gpio and w1-therm loaded: the first
 * {@code 28-*} folder under {@code /sys/bus/w1/devices}. Skipped where there is none.
 */
@Tag("hardware")
class LinuxDs18b20ContractTest extends AbstractDs18b20ContractTest {

  @Override
  protected Ds18b20 createDevice() {
    assumeTrue(Files.isDirectory(Ds18b20.SYSFS_DEVICES), "no 1-Wire bus at " + Ds18b20.SYSFS_DEVICES);
    try (Stream<Path> folders = Files.list(Ds18b20.SYSFS_DEVICES)) {
      String id = folders.map(p -> p.getFileName().toString()).filter(n -> n.matches("28-[0-9a-f]{12}"))
          .sorted().findFirst().orElse(null);
      assumeTrue(id != null, "no DS18B20 (28-*) on the 1-Wire bus");
      return new Ds18b20(Ds18b20.SYSFS_DEVICES, id, "hw/ds18b20");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Ds18b20 createAbsentDevice() {
    assumeTrue(Files.isDirectory(Ds18b20.SYSFS_DEVICES), "no 1-Wire bus at " + Ds18b20.SYSFS_DEVICES);
    return new Ds18b20(Ds18b20.SYSFS_DEVICES, "28-000000000000", "hw/absent");
  }
}
