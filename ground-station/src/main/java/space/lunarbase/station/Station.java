package space.lunarbase.station;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.station.archive.Archive;
import space.lunarbase.station.archive.History;
import space.lunarbase.station.archive.Maintenance;
import space.lunarbase.station.ingest.Inbound;
import space.lunarbase.station.ingest.IngestLoop;
import space.lunarbase.station.ingest.SiteLink;
import space.lunarbase.station.site.SiteModel;
import space.lunarbase.station.web.LiveBus;

/**
 * The running station: the archive, the site model, the link to the site broker and the ingest
 * thread between them, and the archive's maintenance (retention, compaction) on a timer. Started
 * with the context, closed with it (ingest first, then the link, then the archive).
 */
@Context
public final class Station implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Station.class);
  private static final int QUEUE = 20_000;

  private final StationSettings settings;
  private final Archive archive;
  private final SiteModel site = new SiteModel();
  private final History history;
  private final Maintenance maintenance;
  private final SiteLink link;
  private final IngestLoop ingest;
  private final ScheduledExecutorService timer;

  Station(StationSettings settings, LiveBus live) {
    this.settings = settings;
    this.archive = Archive.open(settings.dataPath().resolve("archive"));
    this.history = new History(archive);
    this.maintenance = new Maintenance(archive, settings.rawRetention(), settings.rollupRetention(),
        settings.compactAfter());
    maintenance.applyRetention();
    archive.applyNow();
    BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUE);
    SiteLink[] linkHolder = new SiteLink[1];
    this.ingest = new IngestLoop(archive, site, settings.topicRoot(), queue, new IngestLoop.Acker() {
      @Override
      public void ack(Inbound in) {
        linkHolder[0].ack(in);
      }

      @Override
      public void rebirth(String controller, String reason) {
        linkHolder[0].rebirth(controller, reason);
      }

      @Override
      public void redeliver() {
        linkHolder[0].redeliver();
      }
    }, live, 5_000);
    this.link = new SiteLink(settings.brokerUrl(), settings.clientId(), settings.topicRoot(), settings.tls().files(),
        queue);
    linkHolder[0] = link;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("maintenance")
        .unstarted(r));
    long period = settings.maintenancePeriod().toSeconds();
    // maintain() catches what it can fail with, so the schedule never ends on an exception
    var unused = timer.scheduleWithFixedDelay(this::maintain, period, period, TimeUnit.SECONDS);
  }

  private void maintain() {
    try {
      var converted = maintenance.compact(System.currentTimeMillis() * 1000L);
      if (!converted.isEmpty()) {
        LOG.info("compacted raw partitions {} to Parquet", converted);
      }
    } catch (RuntimeException e) {
      LOG.warn("archive maintenance failed: {}", e.getMessage());
    }
  }

  public StationSettings settings() {
    return settings;
  }

  public Archive archive() {
    return archive;
  }

  public History history() {
    return history;
  }

  public Maintenance maintenance() {
    return maintenance;
  }

  public SiteModel site() {
    return site;
  }

  public SiteLink link() {
    return link;
  }

  public IngestLoop ingest() {
    return ingest;
  }

  @PreDestroy
  @Override
  public void close() {
    timer.shutdownNow();
    link.close();
    ingest.close();
    archive.close();
  }
}
