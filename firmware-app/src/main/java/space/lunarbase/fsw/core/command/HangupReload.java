package space.lunarbase.fsw.core.command;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the key ring when the process gets SIGHUP (the unit's {@code ExecReload}, so
 * {@code systemctl reload lunarbase-fsw}), on a thread of its own so the signal's thread returns at
 * once. Off with {@code lunarbase.commands.reload-on-hangup=false} (tests that start several
 * controllers in one JVM).
 *
 * <p>Java has no public API for a signal; {@code sun.misc.Signal} in the {@code jdk.unsupported}
 * module is the one the JDK keeps open for this (JEP 260). javac warns of it whatever
 * {@code @SuppressWarnings} says, so this class alone is compiled without {@code -Werror}
 * (firmware-app's pom).
 */
@Context
@Requires(property = "lunarbase.commands.reload-on-hangup", notEquals = "false")
public final class HangupReload implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HangupReload.class);
  private static final sun.misc.Signal HUP = new sun.misc.Signal("HUP");

  private final KeyReloader reloader;
  private sun.misc.SignalHandler before;
  private boolean handling;

  public HangupReload(KeyReloader reloader) {
    this.reloader = reloader;
  }

  /** Installs the SIGHUP handler; once. */
  @PostConstruct
  public synchronized void install() {
    if (handling) {
      return;
    }
    handling = true;
    sun.misc.SignalHandler installed;
    try {
      installed = sun.misc.Signal.handle(HUP, signal -> Thread.ofPlatform().name("key-reload").daemon()
          .start(reloader::reload));
    } catch (IllegalArgumentException e) {
      LOG.warn("SIGHUP cannot be handled here ({}): reload the key ring by a restart", e.getMessage());
      installed = null;
    }
    this.before = installed;
  }

  @PreDestroy
  @Override
  public synchronized void close() {
    if (before != null) {
      sun.misc.Signal.handle(HUP, before);
    }
  }
}
