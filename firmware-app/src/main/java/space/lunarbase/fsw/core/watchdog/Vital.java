package space.lunarbase.fsw.core.watchdog;

import java.util.Optional;

/**
 * A part of the firmware outside the rate groups that it cannot work without and that only a
 * restart mends, e.g. the link's receive path (commands could no longer arrive). The watchdog
 * stops feeding the service manager once one has failed, so the service is restarted.
 */
public interface Vital {

  /** Why it has failed, or empty while it works. Called often from the watchdog's thread: cheap, never blocks. */
  Optional<String> failure();
}
