package space.lunarbase.fsw.app.rail;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What the gate timestamps of one shot say.
 *
 * @param crossings the gate crossings used, in time order (noise, repeats and out-of-order ones left out)
 * @param segmentSpeedsMps speed between consecutive crossings, m/s
 * @param stageSpeedsMps the sled's speed after each stage that fired (NaN where the gates do not tell)
 * @param exitSpeedMps the speed after the last stage that fired, if the gates tell
 * @param anomalies what looked wrong, in the order found
 */
public record ShotAnalysis(List<Crossing> crossings, List<Double> segmentSpeedsMps, List<Double> stageSpeedsMps,
    OptionalDouble exitSpeedMps, List<ShotAnomaly> anomalies) {

  /** One gate crossing: the gate, its front-end timestamp and its position. */
  public record Crossing(int gate, long timestampNs, double positionM) {}

  public ShotAnalysis {
    crossings = List.copyOf(crossings);
    segmentSpeedsMps = List.copyOf(segmentSpeedsMps);
    stageSpeedsMps = List.copyOf(stageSpeedsMps);
    anomalies = List.copyOf(anomalies);
  }
}
