package space.lunarbase.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay that holds every byte for a set time in each direction, in order: the light time
 * between the Moon and Earth (1.28 s each way by default) put between the site broker's bridge and
 * the Earth broker, on one machine. Bytes are not limited in rate; only their arrival is late.
 * A test can {@link #cut()} the link (every relayed connection closed, as a failing link would) and
 * {@link #block()} it (new connections refused too) until {@link #unblock()}.
 *
 * <p>Also a program, with nothing but the JDK:
 * {@code java testkit/src/main/java/space/lunarbase/testkit/DelayRelay.java LISTEN_PORT TARGET_HOST:PORT [DELAY_SECONDS]}
 * listens on {@code 127.0.0.1:LISTEN_PORT} until stopped.
 */
public final class DelayRelay implements AutoCloseable {

  /** One way from the Moon to Earth: half of the 2.56 s round trip of light. */
  public static final Duration MOON_EARTH = Duration.ofMillis(1280);

  /** Bytes read at one time, and when they may be written on. */
  private record Chunk(byte[] bytes, long dueNanos) {}

  /** Marks the end of one direction's stream: the reader saw its close. */
  private static final Chunk END = new Chunk(new byte[0], 0);

  private final InetSocketAddress listen;
  private volatile ServerSocket listener;
  private final InetSocketAddress target;
  private final long delayNanos;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicLong relayedBytes = new AtomicLong();
  private volatile boolean open = true;
  private volatile boolean blocked;

  private DelayRelay(InetSocketAddress listen, InetSocketAddress target, Duration delay) throws IOException {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay cannot be negative: " + delay);
    }
    this.target = target;
    this.delayNanos = delay.toNanos();
    this.listener = listen(listen);
    this.listen = new InetSocketAddress(listen.getAddress(), listener.getLocalPort());
  }

  /** Listens on {@code address} and accepts on a thread of its own. */
  private ServerSocket listen(InetSocketAddress address) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(address, 50);
    Thread.ofVirtual().name("delay-relay-accept").start(() -> accept(socket));
    return socket;
  }

  /** Relays a free loopback port to {@code 127.0.0.1:targetPort}, {@code delay} each way. */
  public static DelayRelay to(int targetPort, Duration delay) {
    return on(0, new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), delay);
  }

  /** Relays {@code 127.0.0.1:listenPort} (0: a free one) to {@code target}, {@code delay} each way. */
  public static DelayRelay on(int listenPort, InetSocketAddress target, Duration delay) {
    try {
      return new DelayRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), target, delay);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + listenPort, e);
    }
  }

  public int port() {
    return listen.getPort();
  }

  /** The delay each way. */
  public Duration delay() {
    return Duration.ofNanos(delayNanos);
  }

  /** Bytes written on so far, both ways. */
  public long relayedBytes() {
    return relayedBytes.get();
  }

  /** How many connections are being relayed now. */
  public int connections() {
    return sockets.size() / 2;
  }

  /** Closes every relayed connection now, dropping bytes still held; new connections are relayed. */
  public void cut() {
    sockets.forEach(DelayRelay::closeQuietly);
    sockets.clear();
  }

  /**
   * A link outage: {@link #cut()}, and new connections are refused (the port stops listening)
   * until {@link #unblock()}. Refused rather than accepted and closed: Mosquitto 2.0.11's bridge,
   * whose TLS handshakes are closed by the far end a few times in a row, ends up using a whole core
   * and serving no client (observed here); a refused connection it retries cleanly.
   */
  public synchronized void block() {
    if (!blocked) {
      blocked = true;
      closeQuietly(listener);
    }
    cut();
  }

  /** Ends the outage: the port listens again. */
  public synchronized void unblock() {
    if (blocked && open) {
      try {
        listener = listen(listen);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + listen + " again", e);
      }
      blocked = false;
    }
  }

  @Override
  public void close() {
    open = false;
    closeQuietly(listener);
    cut();
  }

  private void accept(ServerSocket socket) {
    while (open && !socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket();
        try {
          server.connect(target, 5_000);
        } catch (IOException e) {
          closeQuietly(client);
          continue;
        }
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        relay(client, server);
        relay(server, client);
      } catch (IOException e) {
        if (!open || socket.isClosed()) {
          return;
        }
      }
    }
  }

  /** One direction: a reader that stamps what it reads, a writer that writes it on when due, in order. */
  private void relay(Socket from, Socket to) {
    BlockingQueue<Chunk> held = new LinkedBlockingQueue<>();
    Thread.ofVirtual().name("delay-relay-read").start(() -> {
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = from.getInputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          held.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
        }
      } catch (IOException e) {
        // closed or cut
      } finally {
        held.add(END);
      }
    });
    Thread.ofVirtual().name("delay-relay-write").start(() -> {
      try {
        OutputStream out = to.getOutputStream();
        while (true) {
          Chunk chunk = held.take();
          if (chunk == END) {
            // the far side closed: so does this one, after what it sent before
            break;
          }
          long wait = chunk.dueNanos() - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          out.write(chunk.bytes());
          out.flush();
          relayedBytes.addAndGet(chunk.bytes().length);
        }
      } catch (IOException e) {
        // cut
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    });
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /**
   * {@code DelayRelay LISTEN_PORT TARGET_HOST:PORT [DELAY_SECONDS]}: relays until stopped (Ctrl-C),
   * 1.28 s each way unless given.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: DelayRelay LISTEN_PORT TARGET_HOST:PORT [DELAY_SECONDS, default 1.28]");
      System.exit(2);
    }
    int colon = args[1].lastIndexOf(':');
    Duration delay;
    int listenPort;
    InetSocketAddress target;
    try {
      listenPort = Integer.parseInt(args[0]);
      target = new InetSocketAddress(args[1].substring(0, colon), Integer.parseInt(args[1].substring(colon + 1)));
      delay = args.length == 3 ? Duration.ofNanos(Math.round(Double.parseDouble(args[2]) * 1e9)) : MOON_EARTH;
    } catch (RuntimeException e) {
      System.err.println("DelayRelay: bad arguments " + String.join(" ", args) + " (" + e.getMessage() + ")");
      System.exit(2);
      return;
    }
    DelayRelay relay = on(listenPort, target, delay);
    System.err.println("DelayRelay: 127.0.0.1:" + relay.port() + " -> " + args[1] + ", " + delay.toMillis()
        + " ms each way (Ctrl-C stops it)");
    Runtime.getRuntime().addShutdownHook(new Thread(relay::close));
    Thread.currentThread().join();
  }
}
