package space.lunarbase.station.archive;

import io.questdb.cairo.TableWriter;
import io.questdb.cairo.wal.WalWriter;
import io.questdb.std.str.Utf8String;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Appends rows to the archive's tables for one thread (QuestDB writers are not thread-safe) and
 * commits them together. Times are UTC microseconds. Rows are neither durable nor visible until
 * {@link #commit()}: after it they are in the write-ahead log on disk (the OS's cache: they survive
 * the process being killed; see the module README on power loss) and become visible to queries
 * once the archive has applied them, within milliseconds.
 */
public final class ArchiveWriter implements AutoCloseable {

  private final Archive archive;
  private final Table samples;
  private final Table messages;
  private final Table events;
  private final Table acks;
  private final Table commands;
  private final Table states;
  private final Table gaps;
  private final Table catalogues;
  private final Table dictionaries;
  private final Table rejects;
  private final List<Table> all = new ArrayList<>();
  private long pendingRows;

  ArchiveWriter(Archive archive) {
    this.archive = archive;
    samples = table("samples");
    messages = table("messages");
    events = table("events");
    acks = table("acks");
    commands = table("commands");
    states = table("states");
    gaps = table("gaps");
    catalogues = table("catalogues");
    dictionaries = table("dictionaries");
    rejects = table("rejects");
  }

  private Table table(String name) {
    Table table = new Table(archive, name);
    all.add(table);
    return table;
  }

  /** One value of one series. NaN and infinities are not samples and are left out. */
  public void sample(long tsMicros, String controller, String channel, double value) {
    if (!Double.isFinite(value)) {
      return;
    }
    TableWriter.Row row = samples.row(tsMicros);
    row.putSym(Tables.S_CONTROLLER, controller);
    row.putSym(Tables.S_CHANNEL, channel);
    row.putDouble(Tables.S_VALUE, value);
    row.append();
    pendingRows++;
  }

  /** A message's header. */
  public void message(long tsMicros, long receivedMicros, String controller, String topic, long boot, long sequence,
      boolean historical, int bytes) {
    TableWriter.Row row = messages.row(tsMicros);
    row.putTimestamp(1, receivedMicros);
    row.putSym(2, controller);
    row.putSym(3, topic);
    row.putLong(4, boot);
    row.putLong(5, sequence);
    row.putBool(6, historical);
    row.putInt(7, bytes);
    row.append();
    pendingRows++;
  }

  /** An event. */
  public void event(long tsMicros, String controller, long boot, long sequence, boolean historical, String severity,
      int id, String name, String subsystem, String text, String argsJson, int suppressed) {
    TableWriter.Row row = events.row(tsMicros);
    row.putSym(1, controller);
    row.putLong(2, boot);
    row.putLong(3, sequence);
    row.putBool(4, historical);
    row.putSym(5, severity);
    row.putInt(6, id);
    row.putSym(7, name);
    row.putSym(8, subsystem);
    row.putVarchar(9, utf8(text));
    row.putVarchar(10, utf8(argsJson));
    row.putInt(11, suppressed);
    row.append();
    pendingRows++;
  }

  /** A command acknowledgement. */
  public void ack(long tsMicros, String controller, long boot, long sequence, boolean historical, long requestId,
      String keyId, long counter, String command, String status, String reason, String text, int seqSlot,
      int seqEntry) {
    TableWriter.Row row = acks.row(tsMicros);
    row.putSym(1, controller);
    row.putLong(2, boot);
    row.putLong(3, sequence);
    row.putBool(4, historical);
    row.putLong(5, requestId);
    row.putSym(6, keyId);
    row.putLong(7, counter);
    row.putSym(8, command);
    row.putSym(9, status);
    row.putSym(10, reason);
    row.putVarchar(11, utf8(text));
    row.putInt(12, seqSlot);
    row.putInt(13, seqEntry);
    row.append();
    pendingRows++;
  }

  /** A command an operator sent (as seen on the broker; its time is when the station received it). */
  public void command(long tsMicros, String controller, String keyId, long counter, String command, long requestId,
      String argsJson, long expiresMicros, boolean readable) {
    TableWriter.Row row = commands.row(tsMicros);
    row.putSym(1, controller);
    row.putSym(2, keyId);
    row.putLong(3, counter);
    row.putSym(4, command);
    row.putLong(5, requestId);
    row.putVarchar(6, utf8(argsJson));
    row.putTimestamp(7, expiresMicros);
    row.putBool(8, readable);
    row.append();
    pendingRows++;
  }

  /** A controller's birth or death. */
  public void state(long tsMicros, String controller, String status, long boot, String firmware, String schemaHash,
      String halMode, String reason, boolean retained) {
    TableWriter.Row row = states.row(tsMicros);
    row.putSym(1, controller);
    row.putSym(2, status);
    row.putLong(3, boot);
    row.putSym(4, firmware);
    row.putSym(5, schemaHash);
    row.putSym(6, halMode);
    row.putVarchar(7, utf8(reason));
    row.putBool(8, retained);
    row.append();
    pendingRows++;
  }

  /** A hole in a stream's sequence (first..last missing), or its filling. */
  public void gap(long tsMicros, String controller, String topic, long boot, long first, long last, boolean filled) {
    TableWriter.Row row = gaps.row(tsMicros);
    row.putSym(1, controller);
    row.putSym(2, topic);
    row.putLong(3, boot);
    row.putLong(4, first);
    row.putLong(5, last);
    row.putBool(6, filled);
    row.append();
    pendingRows++;
  }

  /** A controller's channel catalogue. */
  public void catalogue(long tsMicros, String controller, long catalogueId, String json) {
    TableWriter.Row row = catalogues.row(tsMicros);
    row.putSym(1, controller);
    row.putLong(2, catalogueId);
    row.putVarchar(3, utf8(json));
    row.append();
    pendingRows++;
  }

  /** A controller's dictionary as published (its serialized bytes, Base64) with its SHA-256. */
  public void dictionary(long tsMicros, String controller, String hash, byte[] bytes) {
    TableWriter.Row row = dictionaries.row(tsMicros);
    row.putSym(1, controller);
    row.putSym(2, hash);
    row.putVarchar(3, utf8(Base64.getEncoder().encodeToString(bytes)));
    row.append();
    pendingRows++;
  }

  /** Something that could not be archived. */
  public void reject(long tsMicros, String topic, int bytes, String reason) {
    TableWriter.Row row = rejects.row(tsMicros);
    row.putVarchar(1, utf8(topic));
    row.putInt(2, bytes);
    row.putVarchar(3, utf8(reason));
    row.append();
    pendingRows++;
  }

  private static Utf8String utf8(String text) {
    return new Utf8String(text == null ? "" : text);
  }

  /** Rows appended since the last commit. */
  public long pendingRows() {
    return pendingRows;
  }

  /** Commits every table with rows: they are durable when this returns. */
  public void commit() {
    for (Table table : all) {
      table.commit();
    }
    if (pendingRows > 0) {
      pendingRows = 0;
      archive.committed();
    }
  }

  /** Drops the rows appended since the last commit (after a failure half-way through a message). */
  public void rollback() {
    for (Table table : all) {
      table.rollback();
    }
    pendingRows = 0;
  }

  @Override
  public void close() {
    for (Table table : all) {
      table.close();
    }
  }

  /** One table's writer, opened on first use. */
  private static final class Table {
    private final Archive archive;
    private final String name;
    private WalWriter writer;
    private boolean dirty;

    Table(Archive archive, String name) {
      this.archive = archive;
      this.name = name;
    }

    TableWriter.Row row(long tsMicros) {
      if (writer == null) {
        writer = archive.engine().getWalWriter(archive.table(name));
      }
      dirty = true;
      return writer.newRow(tsMicros);
    }

    void commit() {
      if (dirty) {
        writer.commit();
        dirty = false;
      }
    }

    void rollback() {
      if (dirty) {
        writer.rollback();
        dirty = false;
      }
    }

    void close() {
      if (writer != null) {
        writer.close();
        writer = null;
      }
    }
  }
}
