package space.lunarbase.bench;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import space.lunarbase.fsw.app.bank.BankSampler;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.link.MqttLink;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.wire.Topics;

/**
 * The real firmware {@link ApplicationContext} (simulated board) linked to the benchmark's broker,
 * plain or over TLS with a controller's bundle, with the periodic tasks kept out of the way (bank
 * frames and link health once an hour, the fast pack series every 10 s, the link's receive probe
 * every 10 min: their slowest) so that the benchmark drives {@link BankSampler#sample()} itself.
 */
final class FirmwareUnderTest implements AutoCloseable {

  static final String SITE = "bench";
  static final String CONTROLLER = "ctl-1";

  private final ApplicationContext context;
  private final Path dataDir;
  private final BankSampler sampler;
  private final MqttLink link;
  private final Outbox outbox;
  private final SimClock clock;
  private final String bankTopic;

  private FirmwareUnderTest(ApplicationContext context, Path dataDir) {
    this.context = context;
    this.dataDir = dataDir;
    this.sampler = context.getBean(BankSampler.class);
    this.link = context.getBean(MqttLink.class);
    this.outbox = context.getBean(Outbox.class);
    this.clock = context.getBean(SimClock.class);
    this.bankTopic = context.getBean(Topics.class).of(BankSampler.STREAM);
  }

  /**
   * Starts the firmware: telemetry at QoS {@code qos} (store-and-forward on for 1, off for 0),
   * {@code maxInflight} QoS 1 messages in flight, an outbox of {@code outboxCapacity}; over TLS with
   * {@code tls} (an {@code ssl://} broker and the bundle of controller {@link #CONTROLLER} of site
   * {@link #SITE}).
   */
  static FirmwareUnderTest start(String brokerUrl, Optional<SiteFolder.Bundle> tls, int qos, int maxInflight,
                                 int outboxCapacity) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("bench-fsw-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("lunarbase.site", SITE);
    properties.put("lunarbase.controller", CONTROLLER);
    properties.put("lunarbase.data-dir", dataDir.toString());
    properties.put("lunarbase.bank.sample-period", "1h");
    // the 1 kHz-class pack series, at its slowest: frames stay the plain one-sample bank frame
    properties.put("lunarbase.bank.fast-sample-period", "10s");
    properties.put("lunarbase.link.broker-url", brokerUrl);
    properties.put("lunarbase.link.health-period", "1h");
    properties.put("lunarbase.link.keepalive", "10s");
    properties.put("lunarbase.link.probe-period", "10m");
    properties.put("lunarbase.link.receive-timeout", "1h");
    tls.ifPresent(bundle -> {
      properties.put("lunarbase.link.tls.ca-file", bundle.caFile().toString());
      properties.put("lunarbase.link.tls.cert-file", bundle.certificateFile().toString());
      properties.put("lunarbase.link.tls.key-file", bundle.keyFile().toString());
    });
    properties.put("lunarbase.link.max-inflight", maxInflight);
    properties.put("lunarbase.link.outbox-capacity", outboxCapacity);
    properties.put("lunarbase.link.store-and-forward.enabled", qos == 1);
    properties.put("hal.mode", "sim");
    // the development key ring, found from the working folder upwards (the default path is relative)
    devKeys().ifPresent(keys -> properties.put("lunarbase.commands.key-file", keys.toString()));
    ApplicationContext context = ApplicationContext.run(properties);
    FirmwareUnderTest firmware = new FirmwareUnderTest(context, dataDir);
    firmware.awaitLinkUp();
    return firmware;
  }

  private static Optional<Path> devKeys() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("deploy/keys/dev-keys.yml");
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private void awaitLinkUp() {
    long deadline = System.nanoTime() + 15_000_000_000L;
    // connected, and the scheduler's one start-up sample handed over (QoS 0) or acknowledged (QoS 1)
    while (!link.isConnected() || link.published() < 1 || outbox.depth() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("firmware link did not come up on " + link.endpoint().url());
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  BankSampler sampler() {
    return sampler;
  }

  MqttLink link() {
    return link;
  }

  Outbox outbox() {
    return outbox;
  }

  /** The firmware's own clock (the one that stamps {@code header.sample_time_ns}), in UTC ns. */
  long clockNanos() {
    return HeaderStamper.nanos(clock.instant());
  }

  /** {@code lunarbase/v1/bench/ctl-1/tlm/bank}. */
  String bankTopic() {
    return bankTopic;
  }

  @Override
  public void close() {
    context.close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder: left for the OS
    }
  }
}
