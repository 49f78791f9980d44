package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Locale;

/**
 * Which hardware the firmware drives, read once from {@code hal.*}: {@code hal.mode} is {@code sim}
 * (a simulated board whose chips answer from plant models) or {@code real} (Pi4J's Linux
 * providers), chosen explicitly, never guessed from the machine; {@code hal.board} is the board's
 * wiring in both modes. Created at start-up so that a wrong mode stops the firmware at once, and so
 * does {@code sim} in the flight application, which carries no simulator ({@link Simulator}).
 *
 * @param mode {@code sim} or {@code real}
 * @param simClockRate how much faster than real time the simulated plant runs (sim mode only)
 * @param board {@code demo} (the built-in demo board) or the path of a YAML board file
 * @param simStart the simulation clock's start, an ISO-8601 UTC instant, or empty for now (sim mode only)
 */
@Context
@ConfigurationProperties("hal")
public record HalSettings(String mode, double simClockRate,
                          @Bindable(defaultValue = DEMO_BOARD) String board, @Bindable(defaultValue = "") String simStart) {

  /** The value of {@code hal.mode} that selects a simulated board. */
  public static final String SIM = "sim";
  /** The value of {@code hal.mode} that selects real hardware. */
  public static final String REAL = "real";
  /** The value of {@code hal.board} that selects the built-in demo board. */
  public static final String DEMO_BOARD = "demo";

  public HalSettings {
    String normalised = mode == null ? null : mode.toLowerCase(Locale.ROOT);
    if (!SIM.equals(normalised) && !REAL.equals(normalised)) {
      throw new InvalidConfigException("hal.mode", mode, "allowed values are sim, real");
    }
    if (SIM.equals(normalised) && !Simulator.present()) {
      throw new InvalidConfigException("hal.mode", mode, "this is the flight application, which carries no"
          + " simulator: a board runs hal.mode=real (a simulated board runs with ./run-sim or firmware-app-all.jar)");
    }
    if (!(simClockRate > 0 && simClockRate <= 1_000_000)) {
      throw new InvalidConfigException("hal.sim-clock-rate", simClockRate, "use a rate above 0 and at most 1000000");
    }
    mode = normalised;
    board = board == null || board.isBlank() ? DEMO_BOARD : board;
    simStart = simStart == null ? "" : simStart;
  }

  /** Settings in {@code mode} on the demo board, at real-time rate, from now. */
  public static HalSettings of(String mode) {
    return new HalSettings(mode, 1.0, DEMO_BOARD, "");
  }
}
