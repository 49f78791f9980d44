package space.lunarbase.hal.sim;

import com.pi4j.context.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pi4J context a simulated subsystem started for itself, or none when it runs on a board's
 * context (the board shuts that one down). Closing shuts an owned context down once; a context that
 * does not shut down cleanly is logged under the owner's name, not thrown.
 */
final class OwnedContext implements AutoCloseable {

  private final Context context;
  private final Logger log;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** {@code context} null: the owner runs on a board's context. */
  OwnedContext(Context context, Class<?> owner) {
    this.context = context;
    this.log = LoggerFactory.getLogger(owner);
  }

  boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && context != null) {
      try {
        context.shutdown();
      } catch (RuntimeException e) {
        log.warn("Pi4J context did not shut down cleanly", e);
      }
    }
  }
}
