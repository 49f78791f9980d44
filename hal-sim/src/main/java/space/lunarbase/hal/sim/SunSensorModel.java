package space.lunarbase.hal.sim;

import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A quad-photodiode sun sensor behind an aperture, pointed along the tracker's axes. The total
 * photocurrent falls off as the cosine of the angle between the pointing and the Sun and drops to
 * dark beyond the field of view or when the Sun is below the horizon. Within the field, the
 * imbalance between right and left (upper and lower) quadrants is the cross-elevation (elevation)
 * offset over the field of view, clamped to &plusmn;1: quadrant = total/4 &times; (1 &plusmn; x)
 * &times; (1 &plusmn; y). Right is towards larger azimuth, upper towards larger elevation.
 */
public final class SunSensorModel {

  /** Which photodiode. */
  public enum Quadrant { UPPER_LEFT, UPPER_RIGHT, LOWER_LEFT, LOWER_RIGHT }

  /**
   * @param peakTotalV the sum of the four voltages with the Sun on the axis
   * @param fieldOfViewDeg half-angle beyond which the sensor is dark (about 10 degrees)
   * @param darkV each photodiode's voltage in the dark
   */
  public record Spec(double peakTotalV, double fieldOfViewDeg, double darkV) {
    public Spec {
      if (!(peakTotalV > 0) || !(fieldOfViewDeg > 0) || !(fieldOfViewDeg < 90) || !(darkV >= 0)) {
        throw new IllegalArgumentException("SunSensorModel.Spec: peakTotalV > 0, 0 < fieldOfViewDeg < 90, darkV >= 0;"
            + " were " + peakTotalV + ", " + fieldOfViewDeg + ", " + darkV);
      }
    }

    /** 3.2 V total on axis (0.8 V per quadrant), 10 degree field of view, 2 mV dark. */
    public static Spec demo() {
      return new Spec(3.2, 10, 0.002);
    }
  }

  private final Spec spec;
  private final SunDirection sun;
  private final InstantSource clock;
  private final Supplier<SkyDirection> pointing;

  public SunSensorModel(Spec spec, SunDirection sun, InstantSource clock, Supplier<SkyDirection> pointing) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.sun = Objects.requireNonNull(sun, "sun");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.pointing = Objects.requireNonNull(pointing, "pointing");
  }

  /** The photodiode voltage of {@code quadrant} now. */
  public double volts(Quadrant quadrant) {
    SkyDirection s = sun.at(clock.instant());
    SkyDirection p = pointing.get();
    double angle = p.angleTo(s);
    if (s.elevationDeg() < 0 || angle > spec.fieldOfViewDeg()) {
      return spec.darkV();
    }
    double total = spec.peakTotalV() * Math.cos(Math.toRadians(angle));
    double dAz = s.azimuthDeg() - p.azimuthDeg();
    dAz = dAz - 360 * Math.floor((dAz + 180) / 360);
    double x = clamp(dAz * Math.cos(Math.toRadians(p.elevationDeg())) / spec.fieldOfViewDeg());
    double y = clamp((s.elevationDeg() - p.elevationDeg()) / spec.fieldOfViewDeg());
    double share = switch (quadrant) {
      case UPPER_LEFT -> (1 - x) * (1 + y);
      case UPPER_RIGHT -> (1 + x) * (1 + y);
      case LOWER_LEFT -> (1 - x) * (1 - y);
      case LOWER_RIGHT -> (1 + x) * (1 - y);
    };
    return spec.darkV() + total / 4 * share;
  }

  private static double clamp(double v) {
    return Math.max(-1, Math.min(1, v));
  }
}
