package space.lunarbase.fsw.core.telemetry;

/**
 * Told after each birth, i.e. each time the link has published the ONLINE state on a new broker
 * connection or again for a rebirth request: a receiver may have just arrived, so send what it needs
 * to make sense of what follows (e.g. the channel catalogue). Called on the link's thread: set a
 * flag and return; never publish, block or throw from here.
 */
@FunctionalInterface
public interface BirthListener {

  void born();
}
