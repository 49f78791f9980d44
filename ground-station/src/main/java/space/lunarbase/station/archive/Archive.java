package space.lunarbase.station.archive;

import io.questdb.cairo.CairoConfiguration;
import io.questdb.cairo.CairoEngine;
import io.questdb.cairo.DefaultCairoConfiguration;
import io.questdb.cairo.TableToken;
import io.questdb.cairo.mv.MatViewRefreshJob;
import io.questdb.cairo.mv.MatViewTimerJob;
import io.questdb.cairo.security.AllowAllSecurityContext;
import io.questdb.cairo.sql.RecordCursor;
import io.questdb.cairo.sql.RecordCursorFactory;
import io.questdb.cairo.wal.ApplyWal2TableJob;
import io.questdb.cairo.wal.CheckWalTransactionsJob;
import io.questdb.cairo.wal.WalPurgeJob;
import io.questdb.griffin.SqlException;
import io.questdb.griffin.SqlExecutionContext;
import io.questdb.griffin.SqlExecutionContextImpl;
import io.questdb.griffin.engine.table.parquet.ParquetCompression;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ground station's archive: an embedded QuestDB in one folder, its tables ({@link Tables}),
 * and the background work QuestDB leaves to its host when embedded: applying committed WAL
 * transactions to the tables (what makes them visible to queries), refreshing the per-second
 * rollup view, and purging applied WAL segments. One thread does that work, woken after each
 * commit. Committed rows are in the WAL files before {@link ArchiveWriter#commit()} returns, so
 * they survive a crash of the process (kill -9); applying them resumes at the next start.
 *
 * <p>Partitions are written as Parquet with ZSTD when compacted ({@link Maintenance}).
 */
public final class Archive implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Archive.class);
  private static final long IDLE_POLL_MILLIS = 100;

  private final Path folder;
  private final CairoEngine engine;
  private final Semaphore wake = new Semaphore(0);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong applyRounds = new AtomicLong();
  private final Thread worker;

  private Archive(Path folder, CairoEngine engine) {
    this.folder = folder;
    this.engine = engine;
    this.worker = Thread.ofPlatform().daemon().name("archive-wal").start(this::work);
  }

  /** Opens (creating when new) the archive in {@code folder}, tables and rollup view included. */
  public static Archive open(Path folder) {
    QuestRuntime.prepare(folder);
    CairoConfiguration configuration = new DefaultCairoConfiguration(folder.toAbsolutePath().toString()) {
      @Override
      public int getPartitionEncoderParquetCompressionCodec() {
        return ParquetCompression.COMPRESSION_ZSTD;
      }

      @Override
      public int getPartitionEncoderParquetCompressionLevel() {
        return 9;
      }
    };
    CairoEngine engine = new CairoEngine(configuration);
    try {
      engine.load();
      // what QuestDB's server does at start: the table metadata of an existing archive, read in
      engine.getMetadataCache().onStartupAsyncHydrator();
      try (SqlExecutionContext context = context(engine)) {
        for (String ddl : Tables.ddl()) {
          engine.execute(ddl, context);
        }
      }
      engine.buildViewGraphs();
    } catch (SqlException | RuntimeException e) {
      engine.close();
      throw new IllegalStateException("cannot open the archive in " + folder + ": " + e.getMessage(), e);
    }
    // transactions committed to the WAL but not yet applied when the last process ended (a crash):
    // found and queued for the apply job
    new CheckWalTransactionsJob(engine).checkMissingWalTransactions();
    Archive archive = new Archive(folder, engine);
    archive.applyNow();
    return archive;
  }

  static SqlExecutionContext context(CairoEngine engine) {
    return new SqlExecutionContextImpl(engine, 1).with(AllowAllSecurityContext.INSTANCE, null);
  }

  public Path folder() {
    return folder;
  }

  CairoEngine engine() {
    return engine;
  }

  TableToken table(String name) {
    return engine.verifyTableName(name);
  }

  /** A writer for one thread; commit it to make rows durable (see {@link ArchiveWriter#commit()}). */
  public ArchiveWriter writer() {
    return new ArchiveWriter(this);
  }

  /** Wakes the background thread: a commit has happened. */
  void committed() {
    wake.release();
  }

  /**
   * Applies every committed transaction and refreshes the rollup now, on the caller's thread
   * (used at open, by tests and by benchmarks that need their rows visible at once).
   */
  public synchronized void applyNow() {
    try (ApplyWal2TableJob apply = new ApplyWal2TableJob(engine, 1);
         MatViewRefreshJob refresh = new MatViewRefreshJob(0, engine, 1)) {
      boolean busy = true;
      while (busy) {
        busy = false;
        while (apply.run(0)) {
          busy = true;
        }
        while (refresh.run(0)) {
          busy = true;
        }
      }
    }
    applyRounds.incrementAndGet();
  }

  /** How many times the committed transactions were applied (a test's progress marker). */
  public long applyRounds() {
    return applyRounds.get();
  }

  /** Runs {@code sql} (DDL, ALTER, INSERT) and applies the result. */
  public void execute(String sql) {
    try (SqlExecutionContext context = context(engine)) {
      engine.execute(sql, context);
    } catch (SqlException e) {
      throw new IllegalArgumentException("archive statement failed: " + e.getMessage() + ": " + sql, e);
    }
  }

  /**
   * Runs a query; {@code reader} reads each row of the cursor.
   *
   * @throws IllegalArgumentException when QuestDB refuses the statement
   */
  public void query(String sql, RowReader reader) {
    try {
      queryOnce(sql, reader);
    } catch (io.questdb.cairo.sql.TableReferenceOutOfDateException e) {
      queryOnce(sql, reader); // a table's metadata changed under the compiled plan (an ALTER applied): once more
    }
  }

  private void queryOnce(String sql, RowReader reader) {
    try (SqlExecutionContext context = context(engine);
         RecordCursorFactory factory = engine.select(sql, context);
         RecordCursor cursor = factory.getCursor(context)) {
      Row row = new Row(factory.getMetadata()).at(cursor.getRecord());
      while (cursor.hasNext()) {
        if (!reader.read(row)) {
          break;
        }
      }
    } catch (SqlException e) {
      throw new IllegalArgumentException("archive query failed: " + e.getMessage() + ": " + sql, e);
    }
  }

  /** One query's rows, one at a time; returns false to stop early. */
  @FunctionalInterface
  public interface RowReader {
    boolean read(Row row);
  }

  private void work() {
    CheckWalTransactionsJob check = new CheckWalTransactionsJob(engine);
    MatViewTimerJob timer = new MatViewTimerJob(engine);
    try (ApplyWal2TableJob apply = new ApplyWal2TableJob(engine, 1);
         WalPurgeJob purge = new WalPurgeJob(engine);
         MatViewRefreshJob refresh = new MatViewRefreshJob(0, engine, 1)) {
      while (running.get()) {
        boolean busy;
        synchronized (this) {
          busy = apply.run(0);
          busy |= refresh.run(0);
          busy |= timer.run(0);
          busy |= check.run(0);
          purge.run(0);
        }
        if (busy) {
          applyRounds.incrementAndGet();
          continue;
        }
        wake.tryAcquire(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        wake.drainPermits();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("the archive's background work stopped: {}", e.toString(), e);
    }
  }

  @Override
  public void close() {
    running.set(false);
    wake.release();
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
  }
}
