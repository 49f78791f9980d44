package space.lunarbase.fsw.config.board;

import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.hal.board.BankWiring;
import space.lunarbase.hal.board.BoardDescription;

/**
 * Turns {@code hal.board} into the {@link BoardDescription} both hardware modes build: either
 * {@code demo}, the built-in {@link BoardDescription#demo(BankWiring)} (a 12-cell bank, a tracker and
 * a rail) whose bank pack monitor is the one {@code lunarbase.bank.*} describes, or the path of a
 * {@link BoardFile}, which is then the whole truth about the wiring ({@code lunarbase.bank.*}'s
 * wiring keys are ignored; its sample period still applies). A description that cannot be read or
 * does not hold together stops the start with one line naming {@code hal.board}.
 */
public final class BoardDescriptions {

  /** The value of {@code hal.board} that selects the built-in demo board. */
  public static final String DEMO = "demo";

  private static final Logger LOG = LoggerFactory.getLogger(BoardDescriptions.class);

  private BoardDescriptions() {}

  /** {@link #resolve(String, Supplier)} with a pack monitor at hand. */
  public static BoardDescription resolve(String board, BankWiring pack) {
    return resolve(board, () -> pack);
  }

  /**
   * @param board the value of {@code hal.board}: {@code demo} or a board file's path
   * @param pack the bank's pack monitor from {@code lunarbase.bank.*}, asked for the demo board only
   * @throws InvalidConfigException naming {@code hal.board}
   */
  public static BoardDescription resolve(String board, Supplier<BankWiring> pack) {
    if (board == null || board.isBlank()) {
      throw new InvalidConfigException("hal.board", board, "use 'demo' or the path of a YAML board file");
    }
    String value = board.trim();
    if (!DEMO.equals(value.toLowerCase(Locale.ROOT))) {
      BoardDescription description = BoardFile.read(value);
      LOG.info("hal.board: {} describes {}; lunarbase.bank wiring keys are not used", value,
          description.families());
      return description;
    }
    try {
      return BoardDescription.demo(pack.get());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("hal.board", "board '" + DEMO + "' with lunarbase.bank.*: " + e.getMessage());
    }
  }
}
