package space.lunarbase.fsw.app.rail;

import java.util.List;
import java.util.Objects;
import space.lunarbase.hal.device.railfe.FiringEntry;
import space.lunarbase.hal.device.railfe.FiringTable;

/**
 * One payload's shot as planned: the first {@code stages} coils fire, each as the sled's centre
 * reaches it, every stage drawing {@code stageEnergyJ} and giving the sled {@code efficiency} of
 * it. The sled rests on coil 0 until FIRE; coil 0 fires at FIRE.
 *
 * @param payloadId the payload's id
 * @param massKg the mass accelerated (payload and sled)
 * @param targetSpeedMps the exit speed asked for
 * @param efficiency kinetic energy out per bank energy in
 * @param stageEnergyJ energy one stage draws
 * @param stageSpeedsMps the sled's speed after stage k fires, k = 0..stages-1
 * @param fireTimesNs when stage k fires, ns after FIRE (the sled's centre is then at coil k)
 * @param coilPositionsM where the coils are (all of them, from the rail's geometry)
 */
public record ShotPlan(String payloadId, double massKg, double targetSpeedMps, double efficiency, double stageEnergyJ,
    List<Double> stageSpeedsMps, List<Long> fireTimesNs, List<Double> coilPositionsM) {

  public ShotPlan {
    Objects.requireNonNull(payloadId, "payloadId");
    stageSpeedsMps = List.copyOf(stageSpeedsMps);
    fireTimesNs = List.copyOf(fireTimesNs);
    coilPositionsM = List.copyOf(coilPositionsM);
    if (stageSpeedsMps.isEmpty() || stageSpeedsMps.size() != fireTimesNs.size()
        || stageSpeedsMps.size() > coilPositionsM.size()) {
      throw new IllegalArgumentException("a plan has 1..coils stages, each with a speed and a time");
    }
  }

  /** Coil stages fired. */
  public int stages() {
    return stageSpeedsMps.size();
  }

  /** The speed after the last stage: what the shot gives by plan (at least the target). */
  public double plannedExitSpeedMps() {
    return stageSpeedsMps.getLast();
  }

  /** Energy the bank must hold: 1/2 m v^2 / efficiency at the planned exit speed (= stages x stage energy). */
  public double requiredEnergyJ() {
    double v = plannedExitSpeedMps();
    return 0.5 * massKg * v * v / efficiency;
  }

  /** The firing table the front-end runs: coil k at its fire time after FIRE. */
  public FiringTable firingTable() {
    return new FiringTable(java.util.stream.IntStream.range(0, stages())
        .mapToObj(k -> FiringEntry.afterFire(k, fireTimesNs.get(k))).toList());
  }

  /**
   * When the sled's centre reaches {@code x} by plan, seconds after FIRE: at rest on coil 0 until
   * then, constant speed between stages. NaN behind coil 0.
   */
  public double timeAt(double x) {
    if (x < coilPositionsM.getFirst()) {
      return Double.NaN;
    }
    int k = 0;
    while (k + 1 < stages() && coilPositionsM.get(k + 1) <= x) {
      k++;
    }
    return fireTimesNs.get(k) / 1e9 + (x - coilPositionsM.get(k)) / stageSpeedsMps.get(k);
  }
}
