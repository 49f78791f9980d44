package space.lunarbase.station.web;

/** Reads a text cell of any kind (symbol, varchar, string) of a query row. */
final class Cells {
  private Cells() {}

  static String text(io.questdb.cairo.sql.Record row, int column) {
    CharSequence text;
    try {
      text = row.getSymA(column);
    } catch (UnsupportedOperationException e) {
      try {
        var varchar = row.getVarcharA(column);
        text = varchar == null ? null : varchar.toString();
      } catch (UnsupportedOperationException e2) {
        text = row.getStrA(column);
      }
    }
    return text == null ? "" : text.toString();
  }
}
