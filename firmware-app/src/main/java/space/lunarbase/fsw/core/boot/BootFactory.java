package space.lunarbase.fsw.core.boot;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.Properties;
import space.lunarbase.fsw.config.ControllerSettings;

/** Makes the {@link BootInfo} of this start: counts the boot and reads the build's version. */
@Factory
final class BootFactory {

  @Singleton
  BootInfo bootInfo(ControllerSettings controller, InstantSource clock) {
    long boot = BootCounter.next(controller.dataPath(), clock);
    return new BootInfo(boot, clock.instant(), firmwareVersion());
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
