package space.lunarbase.testkit;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import space.lunarbase.testkit.MosquittoBroker.FreePort;

/**
 * A second MQTT broker implementation for a test: HiveMQ Community Edition embedded in the test's
 * JVM, with one plain TCP listener on a free loopback port, MQTT 3.1.1 and 5, state in memory. Its
 * configuration, data and extensions folders are a temporary folder written here and deleted on
 * {@link #close()}. A module that starts it declares {@code hivemq-community-edition-embedded}
 * and {@code guice} (test scope); testkit carries them as optional.
 */
public final class HiveMqBroker implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path home;
  private final int port;
  private final EmbeddedHiveMQ hivemq;
  private final Duration startTime;

  private HiveMqBroker(Path home, int port, EmbeddedHiveMQ hivemq, Duration startTime) {
    this.home = home;
    this.port = port;
    this.hivemq = hivemq;
    this.startTime = startTime;
  }

  /** Starts a broker on a free loopback port and returns once it accepts connections. */
  public static HiveMqBroker start() {
    Path home = createHome();
    int port = FreePort.find();
    try {
      Path conf = Files.createDirectories(home.resolve("conf"));
      Files.writeString(conf.resolve("config.xml"), config(port));
      EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
          .withConfigurationFolder(conf)
          .withDataFolder(Files.createDirectories(home.resolve("data")))
          .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
          .build();
      long begin = System.nanoTime();
      try {
        hivemq.start().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        closeQuietly(hivemq);
        throw new IllegalStateException("HiveMQ did not start on 127.0.0.1:" + port + " within " + START_TIMEOUT, e);
      }
      return new HiveMqBroker(home, port, hivemq, Duration.ofNanos(System.nanoTime() - begin));
    } catch (IOException e) {
      delete(home);
      throw new UncheckedIOException("cannot write HiveMQ's folders in " + home, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delete(home);
      throw new IllegalStateException("interrupted while HiveMQ started", e);
    } catch (RuntimeException e) {
      delete(home);
      throw e;
    }
  }

  /** The configuration: one TCP listener on loopback, nothing kept on disk, no usage statistics sent. */
  static String config(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
            <listeners>
                <tcp-listener>
                    <port>%d</port>
                    <bind-address>127.0.0.1</bind-address>
                </tcp-listener>
            </listeners>
            <persistence>
                <mode>in-memory</mode>
            </persistence>
            <anonymous-usage-statistics>
                <enabled>false</enabled>
            </anonymous-usage-statistics>
        </hivemq>
        """.formatted(port);
  }

  /** The broker's URL for an MQTT client, {@code tcp://127.0.0.1:PORT}. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The listener's port on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The temporary folder that holds the broker's configuration, data and extensions folders. */
  public Path folder() {
    return home;
  }

  /** How long {@link #start()} waited for the broker to accept connections. */
  public Duration startTime() {
    return startTime;
  }

  /** Stops the broker and deletes its folders; returns how long the stop took. */
  public Duration stop() {
    long begin = System.nanoTime();
    try {
      hivemq.stop().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("HiveMQ on 127.0.0.1:" + port + " did not stop within " + STOP_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while HiveMQ stopped", e);
    } finally {
      closeQuietly(hivemq);
      delete(home);
    }
    return Duration.ofNanos(System.nanoTime() - begin);
  }

  @Override
  public void close() {
    stop();
  }

  private static Path createHome() {
    try {
      return Files.createTempDirectory("hivemq-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a HiveMQ folder", e);
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (Exception e) {
      // already stopping; the stop's own outcome is what the caller sees
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete HiveMQ's folder " + folder, e);
    }
  }
}
