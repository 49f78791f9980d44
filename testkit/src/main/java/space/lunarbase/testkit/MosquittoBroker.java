package space.lunarbase.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.wire.TlsFiles;

/**
 * A real Mosquitto broker for a test: started from the {@code mosquitto} binary on a free loopback
 * port with {@code deploy/mosquitto/test.conf}, stopped (and restartable on the same port, for
 * outage tests) by the test. Fails loudly when Mosquitto is not installed: CI installs it.
 *
 * <p>{@link #startSecure(TestSite)} runs a site broker instead: {@code deploy/mosquitto/site.conf}
 * itself (TLS only, client certificates, the site's ACL and CRL, persistence), with its listener
 * on a free loopback port and its files in the broker's working folder.
 * {@link #startSecureWithPlainListener} adds a plain-TCP listener to it, for measuring what TLS
 * costs on one broker process.
 */
public final class MosquittoBroker implements AutoCloseable {

  private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
      Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/local/bin/mosquitto"));

  private static final String RELOADED = "Reloading config.";

  private final Path workDir;
  private final int port;
  private final boolean persistent;
  /** The site of a secure broker; null for a plain one. */
  private final TestSite site;
  /** The plain-TCP listener's port of a secure broker that has one, else 0. */
  private final int plainPort;
  /** Username → password on the plain listener. */
  private final Map<String, String> plainUsers;
  /** Where a secure broker plays: on the site, or the site's broker on Earth. */
  private final Side side;
  /** The Earth-side port a site broker's bridge dials, else 0. */
  private final int bridgePort;
  private Process process;

  /** Which of a site's brokers a secure broker is. */
  private enum Side { SITE, EARTH }

  private MosquittoBroker(Path workDir, int port, boolean persistent, TestSite site, int plainPort,
                          Map<String, String> plainUsers) {
    this(workDir, port, persistent, site, plainPort, plainUsers, Side.SITE, 0);
  }

  private MosquittoBroker(Path workDir, int port, boolean persistent, TestSite site, int plainPort,
                          Map<String, String> plainUsers, Side side, int bridgePort) {
    this.side = side;
    this.bridgePort = bridgePort;
    this.workDir = workDir;
    this.port = port;
    this.persistent = persistent;
    this.site = site;
    this.plainPort = plainPort;
    this.plainUsers = Map.copyOf(plainUsers);
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

  /**
   * Starts a site broker for {@code site} on a free loopback port: {@code deploy/mosquitto/site.conf}
   * with the site's broker files (CA, certificate, key, CRL, ACL) installed in its working folder as
   * an administrator installs them in {@code /etc/mosquitto/lunarbase/}. Only TLS clients with a
   * certificate of the site's CA get in ({@link TestSite#tls}), each limited by the ACL; state
   * persists across {@link #stop()} and {@link #restart()}.
   */
  public static MosquittoBroker startSecure(TestSite site) {
    return start(true, site);
  }

  /**
   * {@link #startSecure(TestSite)} with a second listener, on another free loopback port, that takes
   * plain TCP and a username and password ({@code users}: username → password) instead of a
   * certificate. Give an identity's CN as the username and the site's ACL grants it exactly what it
   * grants that identity over TLS. For measuring what TLS costs with one broker process and one
   * configuration ({@link #plainUrl()} against {@link #url()}); a site broker never has such a
   * listener. The client id on it is the client's own: give each client one of its own.
   */
  public static MosquittoBroker startSecureWithPlainListener(TestSite site, Map<String, String> users) {
    if (users.isEmpty()) {
      throw new IllegalArgumentException("a plain listener needs at least one username and password");
    }
    return start(true, site, FreePort.find(), users);
  }

  /**
   * Starts the Earth broker of {@code site} (a manifest with an {@code earth} section) on a free
   * loopback port: {@code deploy/mosquitto/earth.conf} with the site folder's {@code earth/} files
   * (its certificate, the site CA and CRL, the Earth ACL). Persistent like a site broker.
   */
  public static MosquittoBroker startEarth(TestSite site) {
    return startOf(site, Side.EARTH, 0);
  }

  /**
   * {@link #startSecure(TestSite)} with the bridge to Earth that provisioning wrote
   * ({@code broker/earth-bridge.conf}) appended, as an administrator installs it, its
   * {@code address} moved to {@code 127.0.0.1:earthPort} (the Earth broker, or a relay in front of
   * it). The Earth broker's certificate must name 127.0.0.1.
   */
  public static MosquittoBroker startBridged(TestSite site, int earthPort) {
    return startOf(site, Side.SITE, earthPort);
  }

  private static MosquittoBroker startOf(TestSite site, Side side, int bridgePort) {
    try {
      MosquittoBroker broker = new MosquittoBroker(Files.createTempDirectory("mosquitto-"), FreePort.find(), true,
          site, 0, Map.of(), side, bridgePort);
      broker.startProcess();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a Mosquitto working folder", e);
    }
  }

  private static MosquittoBroker start(boolean persistent) {
    return start(persistent, null);
  }

  private static MosquittoBroker start(boolean persistent, TestSite site) {
    return start(persistent, site, 0, Map.of());
  }

  private static MosquittoBroker start(boolean persistent, TestSite site, int plainPort, Map<String, String> users) {
    try {
      MosquittoBroker broker = new MosquittoBroker(Files.createTempDirectory("mosquitto-"), FreePort.find(), persistent,
          site, plainPort, users);
      broker.startProcess();
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a Mosquitto working folder", e);
    }
  }

  /** {@code tcp://127.0.0.1:port}; {@code ssl://127.0.0.1:port} for a secure broker. */
  public String url() {
    return (site == null ? "tcp" : "ssl") + "://127.0.0.1:" + port;
  }

  /** {@code ssl://127.0.0.1:port} of a secure broker. */
  public String sslUrl() {
    return requireSite().url();
  }

  /** {@code tcp://127.0.0.1:port} of the plain listener of {@link #startSecureWithPlainListener}. */
  public String plainUrl() {
    if (plainPort == 0) {
      throw new IllegalStateException("this broker has no plain listener: use startSecureWithPlainListener");
    }
    return "tcp://127.0.0.1:" + plainPort;
  }

  /** Whether this is a site broker ({@link #startSecure}). */
  public boolean isSecure() {
    return site != null;
  }

  /** The site of a secure broker. */
  public TestSite site() {
    return requireSite().site;
  }

  /** The TLS files the site identity {@code name} connects with (a secure broker only). */
  public TlsFiles tls(String name) {
    return site().tls(name);
  }

  /** The bundle (CA, certificate, key paths) of the site identity {@code name} (a secure broker only). */
  public SiteFolder.Bundle bundle(String name) {
    return site().bundle(name);
  }

  /** The broker process's id, e.g. to read its CPU time; -1 when it is not running. */
  public long pid() {
    return process == null || !process.isAlive() ? -1 : process.pid();
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

  /**
   * Makes the running broker read its configuration again (SIGHUP, what {@code systemctl reload
   * mosquitto} sends), after installing the site's broker files anew for a secure broker: a CRL
   * and an ACL changed by {@link TestSite#revoke} take effect. Returns once the broker has logged
   * the reload; Mosquitto does it before it serves the next connection.
   */
  public void reload() {
    if (!isRunning()) {
      throw new IllegalStateException("broker on port " + port + " is not running");
    }
    try {
      if (site != null) {
        installSiteFiles();
      }
      long before = log().lines().filter(l -> l.contains(RELOADED)).count();
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).redirectErrorStream(true).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
      }
      await("mosquitto on port " + port + " reloaded").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> log().lines().filter(l -> l.contains(RELOADED)).count() > before);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reload mosquitto", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reloading mosquitto", e);
    }
  }

  /**
   * Starts the broker again on the same port, after {@link #stop()} or {@link #kill()}; a secure
   * broker with its site's broker files installed anew (a revocation since takes effect).
   */
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
    if (site != null) {
      throw new IllegalStateException("a secure broker takes no anonymous client: publishOnce(identity, topic, payload)");
    }
    publishOnce(MqttClient.generateClientId(), new MqttConnectOptions(), topic, payload);
  }

  /**
   * Publishes one message (QoS 1, not retained) as the site identity {@code name} of a secure
   * broker, from a client that connects with its certificate, publishes and goes. A publish the
   * ACL denies is dropped by the broker without telling the client (MQTT 3.1.1).
   */
  public void publishOnce(String name, String topic, byte[] payload) {
    TlsFiles tls = tls(name);
    MqttConnectOptions options = new MqttConnectOptions();
    options.setSocketFactory(tls.socketFactory());
    publishOnce(tls.identity().orElseThrow(), options, topic, payload);
  }

  private void publishOnce(String clientId, MqttConnectOptions options, String topic, byte[] payload) {
    try {
      MqttClient client = new MqttClient(url(), clientId, new MemoryPersistence());
      try {
        client.connect(options);
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
      Files.writeString(config, site == null ? testConfigText() : siteConfigText());
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

  private String testConfigText() throws IOException {
    String common = Files.readString(testConfig());
    if (persistent) {
      common = common.replace("persistence false", "persistence true\npersistence_location " + persistenceDir() + "/");
    }
    return "listener " + port + " 127.0.0.1\n" + common;
  }

  /** site.conf with its listener on our loopback port and its folders in {@link #workDir}. */
  private String siteConfigText() throws IOException {
    if (side == Side.EARTH) {
      return SiteBrokerInstall.config(findUpwards("deploy/mosquitto/earth.conf"), port, installSiteFiles(),
          persistenceDir());
    }
    String config = SiteBrokerInstall.config(findUpwards("deploy/mosquitto/site.conf"), port, installSiteFiles(),
        persistenceDir());
    if (bridgePort != 0) {
      return config + "\n" + SiteBrokerInstall.bridge(site.folder().bridge(), workDir.resolve("lunarbase"),
          "127.0.0.1:" + bridgePort);
    }
    if (plainPort == 0) {
      return config;
    }
    // global: the TLS listener's clients are named by their certificates and never asked for one
    return config + "\n# --- testkit: a plain-TCP listener with passwords, for measuring what TLS costs ---\n"
        + "password_file " + passwordFile() + "\n"
        + "listener " + plainPort + " 127.0.0.1\n";
  }

  /**
   * {@link #plainUsers} as a Mosquitto password file (2.0 reads {@code $6$}: base64 salt, base64
   * SHA-512 of password then salt, as {@code mosquitto_passwd} of 1.x wrote), owned like the site files.
   */
  private Path passwordFile() throws IOException {
    SecureRandom random = new SecureRandom();
    Base64.Encoder base64 = Base64.getEncoder();
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> user : plainUsers.entrySet()) {
      byte[] salt = new byte[12];
      random.nextBytes(salt);
      MessageDigest sha512;
      try {
        sha512 = MessageDigest.getInstance("SHA-512");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no SHA-512", e);
      }
      sha512.update(user.getValue().getBytes(StandardCharsets.UTF_8));
      sha512.update(salt);
      text.append(user.getKey()).append(":$6$").append(base64.encodeToString(salt)).append('$')
          .append(base64.encodeToString(sha512.digest())).append('\n');
    }
    Path file = workDir.resolve("lunarbase").resolve("passwords");
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.setOwner(file, Files.getOwner(workDir.resolve("lunarbase")));
    return file;
  }

  /** The site's broker files, installed anew in {@code workDir/lunarbase/}. */
  private Path installSiteFiles() throws IOException {
    Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    return SiteBrokerInstall.files(side == Side.EARTH ? site.folder().earth() : site.folder().broker(),
        workDir.resolve("lunarbase"));
  }

  private MosquittoBroker requireSite() {
    if (site == null) {
      throw new IllegalStateException("a plain broker (start/startPersistent) has no site: use startSecure(TestSite)");
    }
    return this;
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
    return findUpwards("deploy/mosquitto/test.conf");
  }

  private static Path findUpwards(String path) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(path);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(path + " not found above " + Path.of("").toAbsolutePath());
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
