package space.lunarbase.fsw.app.bank;

/**
 * How a cell is named to people: {@code cell_01} to {@code cell_NN}, counted from 1 at the
 * negative end of the string, as {@code tlm/bank} numbers them ({@code CellTelemetry.index}).
 * The hal and the board file count from 0; every channel name, event text and argument, refusal and
 * protection finding goes through here so that an operator sees one number for one cell.
 */
public final class CellLabel {

  private CellLabel() {}

  /** {@code cell_01} for the hal's cell 0. */
  public static String of(int halIndex) {
    return "cell_%02d".formatted(number(halIndex));
  }

  /** The cell's number as operators see it: the hal's index plus one. */
  public static int number(int halIndex) {
    return halIndex + 1;
  }
}
