package space.lunarbase.hal.board;

/**
 * What one launch rail's hardware is rated for: the limits its interlock parameters must stay
 * within whatever an operator commands (the firmware cross-checks {@code rail.temperature-min-c},
 * {@code rail.temperature-max-c} and {@code rail.arm-window-s} against them).
 *
 * @param temperatureMinC the coldest rail temperature the coils and the front-end's thermistors are
 *     rated for, degC
 * @param temperatureMaxC the hottest, degC (above {@code temperatureMinC})
 * @param armWindowMaxS the longest the arm line may stay energised (the arm relay's and the armed
 *     front-end's rating), s, 1..3600
 */
public record RailRatings(double temperatureMinC, double temperatureMaxC, double armWindowMaxS) {

  /** What a board file that names no rating gets: -80..80 degC, 120 s armed. */
  public static final RailRatings DEFAULT = new RailRatings(-80, 80, 120);

  public RailRatings {
    if (!Double.isFinite(temperatureMinC) || !Double.isFinite(temperatureMaxC) || !(temperatureMinC < temperatureMaxC)) {
      throw new IllegalArgumentException("RailRatings: temperatureMinC must be below temperatureMaxC, both finite, was "
          + temperatureMinC + ".." + temperatureMaxC);
    }
    if (temperatureMinC < -273.15) {
      throw new IllegalArgumentException("RailRatings.temperatureMinC must be above absolute zero, was "
          + temperatureMinC);
    }
    if (!(armWindowMaxS >= 1 && armWindowMaxS <= 3600)) {
      throw new IllegalArgumentException("RailRatings.armWindowMaxS must be 1..3600 s, was " + armWindowMaxS);
    }
  }
}
