package space.lunarbase.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A real Mosquitto broker for a test: started from the {@code mosquitto} binary on a free loopback
 * port with {@code deploy/mosquitto/test.conf}, stopped (and restartable on the same port, for
 * outage tests) by the test. Fails loudly when Mosquitto is not installed: CI installs it.
 */
public final class MosquittoBroker implements AutoCloseable {

  private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
      Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/local/bin/mosquitto"));

  private final Path workDir;
  private final int port;
  private final boolean persistent;
  private Process process;

  private MosquittoBroker(Path workDir, int port, boolean persistent) {
    this.workDir = workDir;
    this.port = port;
    this.persistent = persistent;
  }

  /** Starts a broker on a free loopback port, keeping nothing across a restart. */
  public static MosquittoBroker start() {
    return start(false);
  }

  /**
   * Starts a broker on a free loopback port that, like a site broker, keeps its state across a
   * {@link #stop()} and {@link #restart()} (Mosquitto's {@code persistence}, written at a clean
   * stop): retained messages, the sessions of clients that connected without a clean session, their
   * subscriptions and the QoS 1 messages queued or in flight for them.
   */
  public static MosquittoBroker startPersistent() {
    return start(true);
  }

  private static MosquittoBroker start(boolean persistent) {
    try {
      MosquittoBroker broker = new MosquittoBroker(Files.createTempDirectory("mosquitto-"), FreePort.find(), persistent);
      broker.startProcess();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a Mosquitto working folder", e);
    }
  }

  /** {@code tcp://127.0.0.1:port}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the broker as a crash would (SIGKILL): clients see their connections drop. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  /** Stops the broker cleanly (SIGTERM). */
  public void stop() {
    if (process != null) {
      process.destroy();
      waitForExit();
    }
  }

  /** Starts the broker again on the same port, after {@link #stop()} or {@link #kill()}. */
  public void restart() {
    if (isRunning()) {
      throw new IllegalStateException("broker on port " + port + " is still running");
    }
    startProcess();
  }

  /**
   * Publishes one message (QoS 1, not retained) from a client of its own that connects, publishes
   * and goes: what an outside party sending one message does.
   */
  public void publishOnce(String topic, byte[] payload) {
    try {
      MqttClient client = new MqttClient(url(), MqttClient.generateClientId(), new MemoryPersistence());
      try {
        client.connect();
        client.publish(topic, payload, 1, false);
        client.disconnect();
      } finally {
        client.close();
      }
    } catch (MqttException e) {
      throw new IllegalStateException("cannot publish to " + topic + " at " + url(), e);
    }
  }

  /** What the broker logged, for a failing test's message. */
  public String log() {
    try {
      Path log = workDir.resolve("mosquitto.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void startProcess() {
    try {
      Path config = workDir.resolve("mosquitto.conf");
      String common = Files.readString(testConfig());
      if (persistent) {
        common = common.replace("persistence false", "persistence true\npersistence_location " + persistenceDir() + "/");
      }
      Files.writeString(config, "listener " + port + " 127.0.0.1\n" + common);
      process = new ProcessBuilder(binary().toString(), "-c", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("mosquitto.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start mosquitto", e);
    }
    await("mosquitto listening on 127.0.0.1:" + port)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .failFast("mosquitto exited: " + log(), () -> !process.isAlive())
        .until(this::accepts);
  }

  /**
   * Where a persistent broker writes its database. Started as root, Mosquitto drops to the
   * {@code mosquitto} user before it writes (at a clean stop), so the folder must be reachable and
   * writable for that user too: it fails with "Error: Permission denied" otherwise.
   */
  private Path persistenceDir() throws IOException {
    Path dir = workDir.resolve("db");
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    return dir;
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path binary() {
    return BINARIES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
        "mosquitto is not installed: run 'apt-get install mosquitto' (.ci/run does this)"));
  }

  /** {@code deploy/mosquitto/test.conf}, found from the module's folder upwards. */
  static Path testConfig() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("deploy/mosquitto/test.conf");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("deploy/mosquitto/test.conf not found above " + Path.of("").toAbsolutePath());
  }

  /** Free TCP ports on loopback. */
  public static final class FreePort {
    private FreePort() {}

    /** A port nothing listens on now (the OS's choice; the caller binds it soon after). */
    public static int find() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("no free loopback port", e);
      }
    }
  }
}
