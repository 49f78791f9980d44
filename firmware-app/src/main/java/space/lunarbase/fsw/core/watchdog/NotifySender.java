package space.lunarbase.fsw.core.watchdog;

import java.io.IOException;

/** Sends one notification ({@code READY=1}, {@code WATCHDOG=1}, {@code STATUS=...}) to the service manager. */
@FunctionalInterface
public interface NotifySender {

  void send(String state) throws IOException;
}
