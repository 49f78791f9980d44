package space.lunarbase.station.archive;

import io.questdb.cairo.ColumnType;
import io.questdb.cairo.sql.RecordMetadata;

/** One row of a query's result, read by column index; texts of any kind (symbol, varchar, string). */
public final class Row {

  private final RecordMetadata metadata;
  private io.questdb.cairo.sql.Record record;

  Row(RecordMetadata metadata) {
    this.metadata = metadata;
  }

  Row at(io.questdb.cairo.sql.Record record) {
    this.record = record;
    return this;
  }

  /** The column's text; empty for null. */
  public String text(int column) {
    CharSequence text = switch (ColumnType.tagOf(metadata.getColumnType(column))) {
      case ColumnType.SYMBOL -> record.getSymA(column);
      case ColumnType.VARCHAR -> {
        var varchar = record.getVarcharA(column);
        yield varchar == null ? null : varchar.toString();
      }
      case ColumnType.STRING -> record.getStrA(column);
      default -> throw new IllegalArgumentException("column " + metadata.getColumnName(column) + " is not text");
    };
    return text == null ? "" : text.toString();
  }

  public long getLong(int column) {
    return record.getLong(column);
  }

  public int getInt(int column) {
    return record.getInt(column);
  }

  public long getTimestamp(int column) {
    return record.getTimestamp(column);
  }

  public double getDouble(int column) {
    return record.getDouble(column);
  }

  public boolean getBool(int column) {
    return record.getBool(column);
  }
}
