package space.lunarbase.ground.cli;

import java.io.PrintWriter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import space.lunarbase.ground.cli.Inbound.Stop;

/** What every lunarctl command does alike: one-line notes on stderr, and Ctrl-C handed to the main thread. */
final class Console {

  private Console() {}

  /** {@code lunarctl: message} on stderr, flushed. */
  static void note(PrintWriter err, String message) {
    err.println("lunarctl: " + message);
    err.flush();
  }

  /** Notes that the connection to {@code broker} was lost, and why, while the session reconnects. */
  static void connectionLost(PrintWriter err, BrokerOption broker, Inbound.ConnectionLost lost) {
    note(err, "lost the connection to " + broker + " (" + BrokerSession.describe(lost.cause()) + "); reconnecting");
  }

  /** Notes that the session is back at {@code broker} and subscribed again to {@code subscriptions}. */
  static void reconnected(PrintWriter err, BrokerOption broker, String subscriptions) {
    note(err, "reconnected to " + broker + " and subscribed again to " + subscriptions);
  }

  /** Notes {@code message} and returns {@code exitCode}. */
  static int fail(PrintWriter err, int exitCode, String message) {
    note(err, message);
    return exitCode;
  }

  /**
   * While open, Ctrl-C puts a {@link Stop} on {@code inbox} and lets the JVM end only once the
   * command has closed this (so it disconnects and finishes its files first, for at most 3 s).
   */
  static final class CtrlC implements AutoCloseable {
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    CtrlC(BlockingQueue<Inbound> inbox) {
      hook = new Thread(() -> {
        inbox.add(new Stop());
        try {
          closed.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "lunarctl-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
      closed.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C): the hook is running
      }
    }
  }
}
