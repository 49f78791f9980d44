package space.lunarbase.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay between a client under test and its server, which a test can cut: every
 * relayed connection is closed at once, as a failing network would, without any protocol goodbye.
 * Used to make a broker see a controller's connection die (so it publishes the last will).
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean open = true;
  private volatile boolean blocked;
  private volatile boolean frozen;
  private final Object thaw = new Object();

  private TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("tcp-proxy-accept").start(this::accept);
  }

  /** Relays a free loopback port to {@code 127.0.0.1:targetPort}. */
  public static TcpProxy to(int targetPort) {
    try {
      return new TcpProxy(targetPort);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code tcp://127.0.0.1:port} of the relay. */
  public String url() {
    return "tcp://127.0.0.1:" + port();
  }

  /** Closes every relayed connection now; new connections are still relayed. */
  public void cut() {
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /**
   * A network outage: cuts every relayed connection and refuses new ones (accepted and closed at
   * once) until {@link #unblock()}.
   */
  public void block() {
    blocked = true;
    cut();
  }

  /**
   * A silent network hang: connections stay open but no byte gets through (in either direction)
   * until {@link #thaw()}; neither side sees a close. Keepalive is what notices.
   */
  public void freeze() {
    frozen = true;
  }

  /** Ends a {@link #freeze()}: held bytes flow again. */
  public void thaw() {
    synchronized (thaw) {
      frozen = false;
      thaw.notifyAll();
    }
  }

  /** Ends the outage: new connections are relayed again. */
  public void unblock() {
    blocked = false;
  }

  /** How many connections are being relayed now (two sockets each). */
  public int connections() {
    return sockets.size() / 2;
  }

  private void accept() {
    while (open) {
      try {
        Socket client = listener.accept();
        if (blocked) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        sockets.add(client);
        sockets.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        if (!open) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual().name("tcp-proxy-pump").start(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          holdWhileFrozen();
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // one side closed or was cut
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    });
  }

  private void holdWhileFrozen() {
    synchronized (thaw) {
      while (frozen && open) {
        try {
          thaw.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    open = false;
    thaw();
    closeQuietly(listener);
    cut();
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
