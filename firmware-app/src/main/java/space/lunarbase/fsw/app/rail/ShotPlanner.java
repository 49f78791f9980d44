package space.lunarbase.fsw.app.rail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import space.lunarbase.fsw.core.command.CommandFailure;

/**
 * Plans a shot from the payload (id, mass) and the exit speed asked for, on this rail's geometry:
 * the fewest stages n with sqrt(2 n &eta; E_s / m) &ge; v (E = &frac12; m v&sup2; / &eta; from the
 * bank), each stage timed to fire as the sled's centre reaches its coil. Refuses (CommandFailure)
 * a payload id that is not {@code [A-Za-z0-9._-]{1,64}}, a shot the rail's coils cannot give, and
 * a table the front-end cannot hold (delays beyond 2^32 - 1 ns).
 */
public final class ShotPlanner {

  static final Pattern PAYLOAD_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final long MAX_DELAY_NS = 0xFFFF_FFFFL;

  private final RailGeometry geometry;

  public ShotPlanner(RailGeometry geometry) {
    this.geometry = geometry;
  }

  /**
   * @param efficiency kinetic energy out per bank energy in, (0, 1]
   * @param stageEnergyJ energy one stage draws, &gt; 0
   */
  public ShotPlan plan(String payloadId, double massKg, double speedMps, double efficiency, double stageEnergyJ) {
    if (!PAYLOAD_ID.matcher(payloadId).matches()) {
      throw new CommandFailure("payload id must be 1 to 64 of A-Z a-z 0-9 . _ -, was '"
          + payloadId.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    double perStage = 2 * efficiency * stageEnergyJ / massKg;
    int stages = (int) Math.ceil(speedMps * speedMps / perStage * (1 - 1e-12));
    stages = Math.max(stages, 1);
    if (stages > geometry.coils()) {
      throw new CommandFailure(String.format(Locale.ROOT,
          "%s (%.3f kg) to %.1f m/s needs %d stages of %.0f J at efficiency %.2f; rail %s has %d coils"
              + " (at most %.1f m/s for this mass)", payloadId, massKg, speedMps, stages, stageEnergyJ, efficiency,
          geometry.railId(), geometry.coils(), Math.sqrt(geometry.coils() * perStage)));
    }
    List<Double> speeds = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    double t = 0;
    for (int k = 0; k < stages; k++) {
      if (k > 0) {
        t += (geometry.coil(k) - geometry.coil(k - 1)) / speeds.get(k - 1);
      }
      long ns = Math.round(t * 1e9);
      if (ns > MAX_DELAY_NS) {
        throw new CommandFailure(String.format(Locale.ROOT, "stage %d would fire %.3f s after FIRE; the front-end's"
            + " delays end at 4.295 s (a slower shot than the rail can time)", k, t));
      }
      times.add(ns);
      speeds.add(Math.sqrt((k + 1) * perStage));
    }
    return new ShotPlan(payloadId, massKg, speedMps, efficiency, stageEnergyJ, speeds, times,
        geometry.coilPositionsM());
  }
}
