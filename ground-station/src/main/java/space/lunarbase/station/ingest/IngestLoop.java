package space.lunarbase.station.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.station.archive.Archive;
import space.lunarbase.station.archive.ArchiveWriter;
import space.lunarbase.station.site.SiteModel;

/**
 * The ingest thread: takes what arrived (up to {@code maxBatch} messages at a time), archives it,
 * commits, and only then acknowledges each message to the broker and hands the live part to the
 * consoles. The commit-before-ack order is what makes an acknowledged message survive a crash of
 * the station. Group commit: the more arrives, the more goes into one commit.
 */
public final class IngestLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
  private static final long REBIRTH_EVERY_MICROS = 30_000_000L;

  private final BlockingQueue<Inbound> queue;
  private final ArchiveWriter writer;
  private final Ingestor ingestor;
  private final Acker acker;
  private final LiveSink live;
  private final int maxBatch;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong committedMessages = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final Map<String, Long> rebirthAsked = new HashMap<>();
  private final Thread thread;

  /** Acknowledges archived messages and asks controllers for a rebirth: the site link, in service. */
  public interface Acker {
    void ack(Inbound in);

    void rebirth(String controller, String reason);

    /** A commit failed: have the broker deliver the unacknowledged messages again. */
    void redeliver();
  }

  public IngestLoop(Archive archive, SiteModel site, String root, BlockingQueue<Inbound> queue, Acker acker,
      LiveSink live, int maxBatch) {
    this.queue = queue;
    this.writer = archive.writer();
    this.ingestor = new Ingestor(root, site, writer);
    this.acker = acker;
    this.live = live;
    this.maxBatch = maxBatch;
    new Restore(archive, site).into(ingestor.tracker(), ingestor.dictionaries());
    this.thread = Thread.ofPlatform().name("ingest").start(this::run);
  }

  public Ingestor.Counters counters() {
    return ingestor.counters();
  }

  /** Messages archived and acknowledged so far. */
  public long committedMessages() {
    return committedMessages.get();
  }

  public long commits() {
    return commits.get();
  }

  private void run() {
    List<Inbound> batch = new ArrayList<>(maxBatch);
    LiveBatch liveBatch = new LiveBatch(live::watches);
    while (running.get()) {
      try {
        Inbound first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        for (Inbound in : batch) {
          ingestor.accept(in, liveBatch);
        }
        try {
          writer.commit();
        } catch (RuntimeException e) {
          LOG.error("archive commit failed ({}): {} messages not acknowledged; the broker sends them again",
              e.getMessage(), batch.size());
          writer.rollback();
          liveBatch.clear();
          batch.clear();
          acker.redeliver();
          continue;
        }
        commits.incrementAndGet();
        for (Inbound in : batch) {
          acker.ack(in);
        }
        committedMessages.addAndGet(batch.size());
        batch.clear();
        if (!liveBatch.isEmpty()) {
          live.publish(liveBatch);
          liveBatch = new LiveBatch(live::watches);
        }
        askRebirths();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | Error e) {
        LOG.error("ingest error: {}", e.toString(), e);
        batch.clear();
        liveBatch.clear();
      }
    }
  }

  private void askRebirths() {
    List<String> wanted = ingestor.takeRebirths();
    if (wanted.isEmpty()) {
      return;
    }
    long now = SiteLink.Clock.micros();
    for (String controller : wanted) {
      Long last = rebirthAsked.get(controller);
      if (last == null || now - last > REBIRTH_EVERY_MICROS) {
        rebirthAsked.put(controller, now);
        acker.rebirth(controller, "ground station: channel catalogue wanted");
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.close();
  }
}
