package space.lunarbase.station.archive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention and compaction of the archive.
 *
 * <ul>
 *   <li><b>Retention</b>: QuestDB's TTL on the raw tables ({@code samples}, {@code messages}) and on
 *       the rollup view drops whole day partitions once they are older than the setting (0 keeps
 *       them for ever). Events, acks, commands, states and gaps are small and kept.
 *   <li><b>Compaction</b>: raw day partitions older than {@code compactAfter} are rewritten as
 *       Parquet files with ZSTD (level 9): a 1 kHz float channel with sensor noise takes about 5
 *       bytes a sample there, against 20 in the native format; queries read them as before. The
 *       rollup (a few dozen bytes per series and second) is what keeps long ranges cheap.
 * </ul>
 */
public final class Maintenance {

  private final Archive archive;
  private final Duration rawRetention;
  private final Duration rollupRetention;
  private final Duration compactAfter;

  public Maintenance(Archive archive, Duration rawRetention, Duration rollupRetention, Duration compactAfter) {
    this.archive = archive;
    this.rawRetention = rawRetention;
    this.rollupRetention = rollupRetention;
    this.compactAfter = compactAfter;
  }

  /** Sets the retention (TTL) of the tables; run at start. */
  public void applyRetention() {
    if (!rawRetention.isZero()) {
      archive.execute("ALTER TABLE samples SET TTL " + hours(rawRetention) + " HOURS");
      archive.execute("ALTER TABLE messages SET TTL " + hours(rawRetention) + " HOURS");
    }
    if (!rollupRetention.isZero()) {
      archive.execute("ALTER MATERIALIZED VIEW samples_1s SET TTL " + hours(rollupRetention) + " HOURS");
    }
  }

  private static long hours(Duration duration) {
    return Math.max(1, (duration.toMinutes() + 59) / 60);
  }

  /**
   * Converts the raw partitions older than {@code compactAfter} (relative to {@code nowMicros}) to
   * Parquet; the newest partition is never converted. Returns the partitions converted.
   */
  public List<String> compact(long nowMicros) {
    long before = nowMicros - compactAfter.toNanos() / 1000;
    List<String> converted = new ArrayList<>();
    archive.query("SELECT name, isParquet, maxTimestamp, active FROM table_partitions('samples')", row -> {
      if (!row.getBool(1) && !row.getBool(3) && row.getTimestamp(2) < before) {
        converted.add(row.text(0));
      }
      return true;
    });
    for (String partition : converted) {
      archive.execute("ALTER TABLE samples CONVERT PARTITION TO PARQUET LIST " + Tables.literal(partition));
    }
    return converted;
  }

  /** The on-disk size and rows of each raw partition, and whether it is Parquet. */
  public record Partition(String name, long rows, long bytes, boolean parquet) {}

  public List<Partition> partitions(String table) {
    List<Partition> partitions = new ArrayList<>();
    archive.query("SELECT name, numRows, diskSize, isParquet FROM table_partitions(" + Tables.literal(table) + ")",
        row -> {
          partitions.add(new Partition(row.text(0), row.getLong(1), row.getLong(2), row.getBool(3)));
          return true;
        });
    return partitions;
  }
}
