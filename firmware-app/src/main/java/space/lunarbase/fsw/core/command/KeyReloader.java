package space.lunarbase.fsw.core.command;

import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.core.event.EventLog;

/**
 * Reloads the key ring ({@link Keys#reload}) and says what happened: KEY_RING_RELOADED naming the
 * keys added, changed, removed and revoked, or KEY_RING_NOT_RELOADED naming the fault (the ring
 * before it stays). Called on SIGHUP ({@code HangupReload}: {@code systemctl reload lunarbase-fsw}).
 */
@Singleton
public final class KeyReloader {

  private static final Logger LOG = LoggerFactory.getLogger(KeyReloader.class);

  private final Keys keys;
  private final EventLog events;

  public KeyReloader(Keys keys, EventLog events) {
    this.keys = keys;
    this.events = events;
  }

  /** Reads the key file again; never throws. */
  public Keys.Reload reload() {
    Keys.Reload result = keys.reload();
    String file = keys.file().map(Object::toString).orElse("");
    switch (result) {
      case Keys.Reload.Reloaded reloaded -> {
        LOG.info("key ring reloaded from {}: {}", file, reloaded.summary());
        events.emitUnthrottled(KeyEvents.KEY_RING_RELOADED, "key ring reloaded from " + file + ": "
            + reloaded.summary(), Map.of("file", file, "detail", reloaded.summary()));
      }
      case Keys.Reload.Refused refused -> {
        LOG.warn("key ring not reloaded, the one before stays: {}", refused.fault());
        events.emitUnthrottled(KeyEvents.KEY_RING_NOT_RELOADED, "key ring not reloaded, the one before stays: "
            + refused.fault(), Map.of("file", file, "detail", refused.fault()));
      }
    }
    return result;
  }
}
