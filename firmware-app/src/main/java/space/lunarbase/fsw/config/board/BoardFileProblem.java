package space.lunarbase.fsw.config.board;

/**
 * What is wrong with a board file, at one entry: {@code bank.cells[3].adcc: unknown key; ...}.
 * {@link BoardFile} turns it into the one line an engineer sees.
 */
final class BoardFileProblem extends RuntimeException {

  BoardFileProblem(String path, String detail) {
    super(path.isEmpty() ? detail : path + ": " + detail, null, false, false);
  }
}
