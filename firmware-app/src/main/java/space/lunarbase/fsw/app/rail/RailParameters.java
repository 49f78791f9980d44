package space.lunarbase.fsw.app.rail;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.board.BoardDescriptions;
import space.lunarbase.fsw.core.param.CrossCheck;
import space.lunarbase.fsw.core.param.ParamSpec;
import space.lunarbase.fsw.core.param.ParameterSet;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.board.RailRatings;
import space.lunarbase.hal.board.RailWiring;

/**
 * The rail's parameters, all declared here (none if the board has no rail); defaults under
 * {@code lunarbase.parameters.rail.*}:
 *
 * <table>
 *   <caption>rail parameters</caption>
 *   <tr><th>parameter</th><th>kind</th><th>limits</th><th>read by</th></tr>
 *   <tr><td>rail.efficiency</td><td>number</td><td>0.01..1</td>
 *       <td>rail.PLAN_SHOT: kinetic energy out per bank energy in</td></tr>
 *   <tr><td>rail.stage-energy-j</td><td>number, J</td><td>1..1e9</td>
 *       <td>rail.PLAN_SHOT: energy one coil stage draws from the bank</td></tr>
 *   <tr><td>rail.arm-settle-s</td><td>number, s</td><td>0..60</td>
 *       <td>time in ARMING (arm line settling) before ARMED</td></tr>
 *   <tr><td>rail.arm-window-s</td><td>number, s</td><td>1..3600</td>
 *       <td>how long ARMED lasts before it falls back to SAFE</td></tr>
 *   <tr><td>rail.shot-timeout-s</td><td>number, s</td><td>0.1..60</td>
 *       <td>longest FIRE before the analysis starts anyway</td></tr>
 *   <tr><td>rail.temperature-min-c, rail.temperature-max-c</td><td>number, degC</td><td>-200..200</td>
 *       <td>the temperature interlock: every rail thermistor within</td></tr>
 *   <tr><td>rail.speed-tolerance-pct</td><td>number, %</td><td>0.01..100</td>
 *       <td>analysis: a speed further than this from the plan is an anomaly</td></tr>
 * </table>
 *
 * <p>Read by an interlock, so protected (range safety only, rail SAFE only, cross-checked):
 * {@code rail.arm-settle-s}, {@code rail.arm-window-s}, {@code rail.shot-timeout-s},
 * {@code rail.temperature-min-c}, {@code rail.temperature-max-c}. Cross-checks: the temperature
 * minimum below the maximum, both within the rail's rated temperatures, and the arm window at most
 * the rail's rated arm time ({@link RailRatings}, from the board description: {@code rated-...}
 * keys of its {@code rail:} section).
 */
@Singleton
public final class RailParameters implements ParameterSet {

  public static final String EFFICIENCY = "rail.efficiency";
  public static final String STAGE_ENERGY_J = "rail.stage-energy-j";
  public static final String ARM_SETTLE_S = "rail.arm-settle-s";
  public static final String ARM_WINDOW_S = "rail.arm-window-s";
  public static final String SHOT_TIMEOUT_S = "rail.shot-timeout-s";
  public static final String TEMPERATURE_MIN_C = "rail.temperature-min-c";
  public static final String TEMPERATURE_MAX_C = "rail.temperature-max-c";
  public static final String SPEED_TOLERANCE_PCT = "rail.speed-tolerance-pct";

  private final List<ParamSpec> parameters;
  private final List<CrossCheck> crossChecks;

  @Inject
  public RailParameters(Board board, BankSettings bankSettings, HalSettings hal) {
    this(board, board.rail().isEmpty() ? RailRatings.DEFAULT : BoardDescriptions.resolve(hal.board(),
        bankSettings::wiring).rail().map(RailWiring::ratings).orElse(RailRatings.DEFAULT));
  }

  /** The parameters of {@code board}'s rail (none without one), rated {@code ratings}. */
  public RailParameters(Board board, RailRatings ratings) {
    this.parameters = board.rail().isEmpty() ? List.of() : List.of(
        ParamSpec.number(EFFICIENCY, "", 0.01, 1, "the rail's efficiency: sled kinetic energy per bank energy drawn"),
        ParamSpec.number(STAGE_ENERGY_J, "J", 1, 1e9, "the energy one coil stage draws from the bank"),
        ParamSpec.number(ARM_SETTLE_S, "s", 0, 60, "how long ARMING lasts before the rail is ARMED").readByInterlock(),
        ParamSpec.number(ARM_WINDOW_S, "s", 1, 3600, "how long the rail stays ARMED before it returns to SAFE")
            .readByInterlock(),
        ParamSpec.number(SHOT_TIMEOUT_S, "s", 0.1, 60, "the longest a shot may fly before it is analysed")
            .readByInterlock(),
        ParamSpec.number(TEMPERATURE_MIN_C, "degC", -200, 200, "the coldest rail temperature that allows arming")
            .readByInterlock(),
        ParamSpec.number(TEMPERATURE_MAX_C, "degC", -200, 200, "the hottest rail temperature that allows arming")
            .readByInterlock(),
        ParamSpec.number(SPEED_TOLERANCE_PCT, "%", 0.01, 100,
            "how far a measured speed may be from the plan before it is an anomaly"));
    this.crossChecks = board.rail().isEmpty() ? List.of() : List.of(
        CrossCheck.below(TEMPERATURE_MIN_C, TEMPERATURE_MAX_C),
        CrossCheck.within(TEMPERATURE_MIN_C, ratings.temperatureMinC(), ratings.temperatureMaxC(), "degC",
            "hal.board rail.rated-temperature-min-c..rated-temperature-max-c"),
        CrossCheck.within(TEMPERATURE_MAX_C, ratings.temperatureMinC(), ratings.temperatureMaxC(), "degC",
            "hal.board rail.rated-temperature-min-c..rated-temperature-max-c"),
        CrossCheck.within(ARM_WINDOW_S, 1, ratings.armWindowMaxS(), "s", "hal.board rail.rated-arm-window-s"));
  }

  @Override
  public List<ParamSpec> parameters() {
    return parameters;
  }

  @Override
  public List<CrossCheck> crossChecks() {
    return crossChecks;
  }
}
