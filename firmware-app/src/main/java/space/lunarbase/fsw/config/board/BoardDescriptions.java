package space.lunarbase.fsw.config.board;

import java.util.Locale;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.hal.board.BankWiring;
import space.lunarbase.hal.board.BoardDescription;

/**
 * Turns {@code hal.board} into the {@link BoardDescription} both hardware modes build. Today one
 * description exists: {@code demo} ({@link BoardDescription#demo(BankWiring)}: a 12-cell bank, a
 * tracker and a rail), whose bank pack monitor is the one {@code lunarbase.bank.*} describes. A
 * description that does not hold together stops the start with one line naming {@code hal.board}.
 */
public final class BoardDescriptions {

  /** The value of {@code hal.board} that selects the demo board. */
  public static final String DEMO = "demo";

  private BoardDescriptions() {}

  /**
   * @param board the value of {@code hal.board}
   * @param pack the bank's pack monitor from {@code lunarbase.bank.*}
   * @throws InvalidConfigException for an unknown board or a description with a clash
   */
  public static BoardDescription resolve(String board, BankWiring pack) {
    String name = board == null ? null : board.trim().toLowerCase(Locale.ROOT);
    if (!DEMO.equals(name)) {
      throw new InvalidConfigException("hal.board", board, "allowed values are " + DEMO);
    }
    try {
      return BoardDescription.demo(pack);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("hal.board", "board '" + name + "' with lunarbase.bank.*: " + e.getMessage());
    }
  }
}
