package space.lunarbase.fsw.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import java.util.Locale;

/**
 * Which hardware the firmware drives: {@code hal.mode} is {@code sim} (a simulated board whose
 * chips answer from plant models) or {@code real} (Pi4J's Linux providers). Chosen explicitly,
 * never guessed from the machine. Created at start-up so that a wrong mode stops the firmware at once.
 *
 * @param mode {@code sim} or {@code real}
 * @param simClockRate how much faster than real time the simulated plant runs (sim mode only)
 */
@Context
@ConfigurationProperties("hal")
public record HalSettings(String mode, double simClockRate) {

  /** The value of {@code hal.mode} that selects a simulated board. */
  public static final String SIM = "sim";
  /** The value of {@code hal.mode} that selects real hardware. */
  public static final String REAL = "real";

  public HalSettings {
    String normalised = mode == null ? null : mode.toLowerCase(Locale.ROOT);
    if (!SIM.equals(normalised) && !REAL.equals(normalised)) {
      throw new InvalidConfigException("hal.mode", mode, "allowed values are sim, real");
    }
    if (!(simClockRate > 0 && simClockRate <= 1_000_000)) {
      throw new InvalidConfigException("hal.sim-clock-rate", simClockRate, "use a rate above 0 and at most 1000000");
    }
    mode = normalised;
  }
}
