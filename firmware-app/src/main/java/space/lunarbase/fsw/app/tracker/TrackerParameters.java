package space.lunarbase.fsw.app.tracker;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.config.TrackerSettings;
import space.lunarbase.fsw.core.param.ParamSpec;
import space.lunarbase.fsw.core.param.ParameterSet;
import space.lunarbase.hal.board.Board;

/**
 * The tracker's parameters, all declared here (none if the board has no tracker); defaults under
 * {@code lunarbase.parameters.tracker.*}. L is {@code lunarbase.tracker.cable-wrap-limit-deg}.
 *
 * <table>
 *   <caption>tracker parameters</caption>
 *   <tr><th>parameter</th><th>kind</th><th>limits</th><th>read by</th></tr>
 *   <tr><td>tracker.unwind-at-deg</td><td>number, deg</td><td>180..L-5</td>
 *       <td>the controller: tracking that would wind the cable beyond this unwinds first</td></tr>
 *   <tr><td>tracker.sun-sensor-enabled</td><td>flag</td><td></td>
 *       <td>the controller: false keeps the sun sensor out of the loop (ephemeris alone)</td></tr>
 *   <tr><td>tracker.sun-sensor-min-v</td><td>number, V</td><td>0.1..4</td>
 *       <td>the controller: the least total photodiode voltage for a valid signal</td></tr>
 *   <tr><td>tracker.horizon-deg</td><td>number, deg</td><td>-5..10</td>
 *       <td>the controller: the Sun below this elevation counts as down (local terrain)</td></tr>
 *   <tr><td>tracker.dark-unwind-after-s</td><td>number, s</td><td>60..10^7</td>
 *       <td>the controller: a sun sensor dark this long while the Sun is up lets it unwind</td></tr>
 * </table>
 */
@Singleton
public final class TrackerParameters implements ParameterSet {

  public static final String UNWIND_AT_DEG = "tracker.unwind-at-deg";
  public static final String SUN_SENSOR_ENABLED = "tracker.sun-sensor-enabled";
  public static final String SUN_SENSOR_MIN_V = "tracker.sun-sensor-min-v";
  public static final String HORIZON_DEG = "tracker.horizon-deg";
  public static final String DARK_UNWIND_AFTER_S = "tracker.dark-unwind-after-s";

  private final List<ParamSpec> parameters;

  public TrackerParameters(Board board, TrackerSettings settings) {
    this.parameters = board.tracker().isEmpty() ? List.of() : List.of(
        ParamSpec.number(UNWIND_AT_DEG, "deg", 180, settings.cableWrapLimitDeg() - 5,
            "the cable wrap beyond which tracking unwinds first"),
        ParamSpec.flag(SUN_SENSOR_ENABLED, "whether the sun sensor corrects the ephemeris when its signal is valid"),
        ParamSpec.number(SUN_SENSOR_MIN_V, "V", 0.1, 4.0, "the least total sun-sensor voltage for a valid signal"),
        ParamSpec.number(HORIZON_DEG, "deg", -5, 10, "the elevation below which the Sun counts as down"),
        ParamSpec.number(DARK_UNWIND_AFTER_S, "s", 60, 1e7,
            "how long the sun sensor must be dark while the Sun is up before the tracker may unwind"));
  }

  @Override
  public List<ParamSpec> parameters() {
    return parameters;
  }
}
