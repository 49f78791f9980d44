package space.lunarbase.fsw.link;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.link.journal.FsyncPolicy;
import space.lunarbase.fsw.link.journal.Journal;
import space.lunarbase.fsw.link.journal.JournalSettings;

/**
 * Opens the store-and-forward journal in {@code {data-dir}/journal} when
 * {@code lunarbase.link.store-and-forward.enabled} is true, and turns what it reports into events.
 */
@Factory
final class JournalFactory {

  @Singleton
  @Requires(property = "lunarbase.link.store-and-forward.enabled", value = "true")
  Journal journal(ControllerSettings controller, StoreAndForwardSettings settings, EventLog events) {
    Path dir = controller.dataPath().resolve("journal");
    FsyncPolicy fsync = settings.fsyncInterval().isZero() ? FsyncPolicy.EVERY_RECORD
        : FsyncPolicy.interval(settings.fsyncInterval());
    try {
      return Journal.open(dir, new JournalSettings(settings.maxBytes(), settings.segmentBytes(), fsync),
          new JournalEvents(events));
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfigException("lunarbase.data-dir",
          "cannot open the store-and-forward journal in " + dir + ": " + e.getMessage());
    }
  }
}
