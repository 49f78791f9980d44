package space.lunarbase.fsw.core.boot;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.Properties;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.storage.DataFormats;

/**
 * Makes the {@link BootInfo} of this start: stamps the data folder with the formats this build
 * writes ({@link DataFormats}), counts the boot and reads the build's version.
 */
@Factory
final class BootFactory {

  @Singleton
  BootInfo bootInfo(ControllerSettings controller, InstantSource clock) {
    String version = firmwareVersion();
    try {
      DataFormats.stamp(controller.dataPath(), version);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the data-format stamp in " + controller.dataPath()
          + " (lunarbase.data-dir must be a writable folder)", e);
    }
    long boot = BootCounter.next(controller.dataPath(), clock);
    return new BootInfo(boot, clock.instant(), version);
  }

  private static String firmwareVersion() {
    try (InputStream in = BootFactory.class.getResourceAsStream("/firmware.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("firmware.version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
