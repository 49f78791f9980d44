package space.lunarbase.fsw.core.command;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Reloads the key ring when the process gets SIGHUP (the unit's {@code ExecReload}, so
 * {@code systemctl reload lunarbase-fsw}), on a thread of its own so the signal's thread returns at
 * once. Off with {@code lunarbase.commands.reload-on-hangup=false} (tests that start several
 * controllers in one JVM).
 */
@Context
@Requires(property = "lunarbase.commands.reload-on-hangup", notEquals = "false")
public final class HangupReload implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HangupReload.class);
  private static final Signal HUP = new Signal("HUP");

  private final SignalHandler before;

  public HangupReload(KeyReloader reloader) {
    SignalHandler installed;
    try {
      installed = Signal.handle(HUP, signal -> Thread.ofPlatform().name("key-reload").daemon()
          .start(reloader::reload));
    } catch (IllegalArgumentException e) {
      LOG.warn("SIGHUP cannot be handled here ({}): reload the key ring by a restart", e.getMessage());
      installed = null;
    }
    this.before = installed;
  }

  @PreDestroy
  @Override
  public void close() {
    if (before != null) {
      Signal.handle(HUP, before);
    }
  }
}
