package space.lunarbase.fleet;

import io.micronaut.core.value.MapPropertyResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.core.boot.BootCounter;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.channel.ChannelFrames;
import space.lunarbase.fsw.core.channel.LimitMonitor;
import space.lunarbase.fsw.core.command.CommandRegistry;
import space.lunarbase.fsw.core.dictionary.ControllerDictionary;
import space.lunarbase.fsw.core.event.CoreEvents;
import space.lunarbase.fsw.core.event.EventCatalogue;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.link.ControllerStates;
import space.lunarbase.fsw.link.JournalEvents;
import space.lunarbase.fsw.link.LinkEvents;
import space.lunarbase.fsw.link.MqttLink;
import space.lunarbase.fsw.link.RebirthRequests;
import space.lunarbase.fsw.link.Topics;
import space.lunarbase.fsw.link.journal.Journal;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * One simulated controller: the firmware's own parts wired by hand instead of by an application
 * context (boot count, header stamper, outbox, event log, limit monitor, channel frames, birth and
 * death, store-and-forward journal, {@link MqttLink}), fed by a {@link Family}'s synthetic values.
 * {@link #tick} is its 10 Hz cycle: channels checked and sent every tick, the family's frame every
 * tenth, the link's health every fiftieth (5 s), as the firmware sends them. It takes no commands:
 * it subscribes only to its {@code rebirth} topic (and the link's probe). Its link runs on a
 * virtual thread: a link idles in 10 ms waits, and a thousand platform threads doing so would keep
 * two cores busy switching between them.
 */
final class SimController implements AutoCloseable {

  /** Channel cycles per second. */
  static final int CYCLE_HZ = 10;
  private static final int FRAME_EVERY = CYCLE_HZ;
  private static final int LINK_EVERY = 5 * CYCLE_HZ;
  private static final String LINK_STREAM = "tlm/link";
  private static final String VERSION = firmwareVersion();

  private final String id;
  private final String site;
  private final long boot;
  private final Family family;
  private final HeaderStamper headers;
  private final Outbox outbox;
  private final LimitMonitor monitor;
  private final ChannelFrames channels;
  private final MqttLink link;
  private final String frameStream;
  private final int qos;
  private long ticks;

  SimController(String id, Family family, FleetSettings settings, InstantSource clock) {
    this.id = id;
    this.site = settings.site();
    this.family = family;
    this.frameStream = "tlm/" + family.subsystem();
    this.qos = settings.storeAndForward() ? 1 : 0;
    ControllerSettings controller = new ControllerSettings(settings.site(), id,
        settings.dataDir().resolve(id).toString());
    BootInfo boot = new BootInfo(BootCounter.next(controller.dataPath(), clock), clock.instant(), VERSION);
    this.boot = boot.bootCount();
    this.headers = new HeaderStamper(controller, boot);
    this.outbox = new Outbox(settings.link());
    EventLog events = new EventLog(headers, outbox, clock);
    this.monitor = new LimitMonitor(List.of(family), events, List.of());
    this.channels = new ChannelFrames(monitor, headers, outbox, qos, 1, 50);
    Optional<Journal> journal = settings.storeAndForward() ? Optional.of(openJournal(controller.dataPath(), events))
        : Optional.empty();
    RebirthRequests rebirths = new RebirthRequests();
    // what this controller declares: its channels, the core's and the link's events; no commands, no parameters
    ControllerDictionary dictionary = new ControllerDictionary(new CommandRegistry(List.of()), monitor,
        new EventCatalogue(List.of(new CoreEvents(), new LinkEvents())),
        new Parameters(List.of(), new MapPropertyResolver(Map.of()), controller, events));
    this.link = new MqttLink(settings.broker(), new Topics(controller), outbox,
        new ControllerStates(headers, boot, clock, new HalSettings(HalSettings.SIM, 1.0, "demo", ""), dictionary), controller,
        settings.link(), settings.tls(id), journal, rebirths, List.of(rebirths), List.of(channels), events, dictionary,
        Thread.ofVirtual().name("mqtt-link-" + id).factory());
  }

  /** Starts the controller's link: it connects, announces itself and publishes what the ticks make. */
  void start() {
    link.start();
  }

  private static Journal openJournal(Path dataDir, EventLog events) {
    try {
      return Journal.open(dataDir.resolve("journal"), FleetSettings.JOURNAL, new JournalEvents(events));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal in " + dataDir.resolve("journal"), e);
    }
  }

  String id() {
    return id;
  }

  /** {@code site/controller}, as a receiver names it. */
  String name() {
    return site + "/" + id;
  }

  long boot() {
    return boot;
  }

  String family() {
    return family.subsystem();
  }

  MqttLink link() {
    return link;
  }

  /** One 10 Hz cycle at {@code now}. Never throws for a bad value: the monitor judges it. */
  void tick(Instant now) {
    monitor.evaluate(now);
    family.fastCycle(now);
    channels.afterCycle(now);
    ticks++;
    if (ticks % FRAME_EVERY == 0) {
      TelemetryFrame.Builder frame = TelemetryFrame.newBuilder().setHeader(headers.next(frameStream, now));
      family.frame(frame, now);
      outbox.offer(new Outbound(frameStream, frame.build().toByteArray(), qos, false));
    }
    if (ticks % LINK_EVERY == 0) {
      TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(headers.next(LINK_STREAM, now))
          .setLink(link.health().toTelemetry()).build();
      outbox.offer(new Outbound(LINK_STREAM, frame.toByteArray(), qos, false));
    }
  }

  /** Every stream this controller has stamped this boot, with its last sequence number. */
  Map<String, Long> sent() {
    return headers.lastByStream();
  }

  /** Whether the connected link still has messages queued or unacknowledged. */
  boolean busy() {
    var health = link.health();
    return link.isConnected() && (health.outboxDepth() > 0 || health.inflight() > 0);
  }

  /** Messages dropped from the full outbox (sent nowhere). */
  long dropped() {
    return outbox.dropped();
  }

  /** Stops the link as the firmware does: drain, OFFLINE (shutdown), disconnect, journal closed. */
  @Override
  public void close() {
    link.close();
  }

  private static String firmwareVersion() {
    try (InputStream in = SimController.class.getResourceAsStream("/firmware.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("firmware.version", "unknown") + "+fleet";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
