package space.lunarbase.station.site;

/** A channel's limits from its controller's catalogue; NaN where there is none. */
public record Limits(double yellowLow, double yellowHigh, double redLow, double redHigh) {

  public static final Limits NONE = new Limits(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public boolean any() {
    return !Double.isNaN(yellowLow) || !Double.isNaN(yellowHigh) || !Double.isNaN(redLow) || !Double.isNaN(redHigh);
  }

  /** The level of {@code value} against these limits, without persistence: IN_LIMITS, YELLOW_LO, ... */
  public String level(double value) {
    if (!Double.isNaN(redHigh) && value > redHigh) {
      return "RED_HI";
    }
    if (!Double.isNaN(redLow) && value < redLow) {
      return "RED_LO";
    }
    if (!Double.isNaN(yellowHigh) && value > yellowHigh) {
      return "YELLOW_HI";
    }
    if (!Double.isNaN(yellowLow) && value < yellowLow) {
      return "YELLOW_LO";
    }
    return "IN_LIMITS";
  }
}
