package space.lunarbase.station.archive;

import java.util.List;

/**
 * The archive's tables, each partitioned by day with a write-ahead log, and the column order the
 * writer uses. Every table whose rows come from a controller's sequenced messages deduplicates on
 * the message's identity (QuestDB {@code DEDUP UPSERT KEYS}), so a message delivered twice, before
 * and after a restart of the station too, is stored once.
 *
 * <ul>
 *   <li>{@code samples}: one value of one series at its sample time: channels ({@code tlm/channels},
 *       named by the catalogue, e.g. {@code bank.cell_03_voltage}), frame fields flattened
 *       ({@code bank.pack_voltage_v}, {@code bank.cells.3.voltage_v}) and batched high-rate samples
 *       (the batch's channel under its subsystem, {@code bank.pack_voltage_v}).
 *   <li>{@code samples_1s}: the rollup, a materialized view: per series and second min, max, sum
 *       and count.
 *   <li>{@code messages}: the header of every message (topic, boot, sequence, historical flag,
 *       receive time).
 *   <li>{@code events}, {@code acks}, {@code commands}, {@code states}: decoded, one row each.
 *   <li>{@code gaps}: holes in a stream's sequence numbers as they were found, and when filled.
 *   <li>{@code catalogues}: each controller's channel catalogue as received (JSON).
 *   <li>{@code dictionaries}: each controller's dictionary the station used, as published (the
 *       serialized {@code lunarbase.v1.Dictionary} in Base64) with its SHA-256.
 *   <li>{@code rejects}: what could not be archived and why.
 * </ul>
 */
public final class Tables {

  private Tables() {}

  // samples
  static final int S_CONTROLLER = 1;
  static final int S_CHANNEL = 2;
  static final int S_VALUE = 3;

  static List<String> ddl() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS samples (ts TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE,"
            + " channel SYMBOL CAPACITY 4096 CACHE, value DOUBLE)"
            + " TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, controller, channel)",
        "CREATE MATERIALIZED VIEW IF NOT EXISTS samples_1s AS (SELECT ts, controller, channel,"
            + " min(value) lo, max(value) hi, sum(value) total, count() n FROM samples SAMPLE BY 1s)"
            + " PARTITION BY DAY",
        "CREATE TABLE IF NOT EXISTS messages (ts TIMESTAMP, received TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE,"
            + " topic SYMBOL CAPACITY 1024 CACHE, boot LONG, sequence LONG, historical BOOLEAN, bytes INT)"
            + " TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, controller, topic, boot, sequence)",
        "CREATE TABLE IF NOT EXISTS events (ts TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE, boot LONG,"
            + " sequence LONG, historical BOOLEAN, severity SYMBOL, id INT, name SYMBOL CAPACITY 1024 CACHE,"
            + " subsystem SYMBOL, text VARCHAR, args VARCHAR, suppressed INT)"
            + " TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, controller, boot, sequence)",
        "CREATE TABLE IF NOT EXISTS acks (ts TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE, boot LONG,"
            + " sequence LONG, historical BOOLEAN, request_id LONG, key_id SYMBOL, counter LONG,"
            + " command SYMBOL CAPACITY 1024 CACHE, status SYMBOL, reason SYMBOL, text VARCHAR, seq_slot INT,"
            + " seq_entry INT) TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, controller, boot, sequence)",
        "CREATE TABLE IF NOT EXISTS commands (ts TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE, key_id SYMBOL,"
            + " counter LONG, command SYMBOL CAPACITY 1024 CACHE, request_id LONG, args VARCHAR, expires TIMESTAMP,"
            + " readable BOOLEAN) TIMESTAMP(ts) PARTITION BY DAY WAL",
        "CREATE TABLE IF NOT EXISTS states (ts TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE, status SYMBOL,"
            + " boot LONG, firmware SYMBOL, schema_hash SYMBOL, hal_mode SYMBOL, reason VARCHAR, retained BOOLEAN)"
            + " TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(ts, controller, status, boot)",
        "CREATE TABLE IF NOT EXISTS gaps (ts TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE,"
            + " topic SYMBOL CAPACITY 1024 CACHE, boot LONG, first LONG, last LONG, filled BOOLEAN)"
            + " TIMESTAMP(ts) PARTITION BY DAY WAL",
        "CREATE TABLE IF NOT EXISTS catalogues (ts TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE,"
            + " catalogue_id LONG, body VARCHAR) TIMESTAMP(ts) PARTITION BY DAY WAL"
            + " DEDUP UPSERT KEYS(ts, controller, catalogue_id)",
        "CREATE TABLE IF NOT EXISTS dictionaries (ts TIMESTAMP, controller SYMBOL CAPACITY 256 CACHE,"
            + " hash SYMBOL CAPACITY 1024 CACHE, body VARCHAR) TIMESTAMP(ts) PARTITION BY DAY WAL"
            + " DEDUP UPSERT KEYS(ts, controller, hash)",
        "CREATE TABLE IF NOT EXISTS rejects (ts TIMESTAMP, topic VARCHAR, bytes INT, reason VARCHAR)"
            + " TIMESTAMP(ts) PARTITION BY DAY WAL");
  }

  /** A text as a QuestDB string literal. */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
