package space.lunarbase.hal.tracker;

import com.pi4j.exception.Pi4JException;
import java.time.Instant;
import java.time.InstantSource;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.as5600.As5600;

/**
 * Turns AS5600 samples of one axis into {@link AngleReading}s: FAILED (no number) when the sensor
 * does not answer or the magnet is missing, too weak or too strong; STALE when the axis was
 * commanded further than the stuck tolerance since the RAW ANGLE last changed (a frozen encoder).
 */
final class EncoderMonitor {

  private final As5600 encoder;
  private final Axis axis;
  private final InstantSource clock;
  private final double stuckToleranceDeg;
  private int lastRaw = -1;
  private double commandedSinceChangeDeg;

  EncoderMonitor(As5600 encoder, Axis axis, InstantSource clock, double stuckToleranceDeg) {
    this.encoder = encoder;
    this.axis = axis;
    this.clock = clock;
    this.stuckToleranceDeg = stuckToleranceDeg;
  }

  /** Records a commanded move of {@code degrees} at the motor (signed). */
  synchronized void commanded(double degrees) {
    commandedSinceChangeDeg += degrees;
  }

  synchronized AngleReading read() {
    Instant now = clock.instant();
    As5600.Reading r;
    try {
      r = encoder.read();
    } catch (DeviceException e) {
      return AngleReading.failed(now, e.getMessage());
    } catch (Pi4JException e) {
      return AngleReading.failed(now, encoder.name() + ": " + e.getMessage());
    }
    String magnet = r.magnetFault();
    if (!magnet.isEmpty()) {
      return AngleReading.failed(now, encoder.name() + ": " + magnet);
    }
    double degrees = axis == Axis.ELEVATION && r.degrees() > 180 ? r.degrees() - 360 : r.degrees();
    if (r.rawAngle() != lastRaw) {
      lastRaw = r.rawAngle();
      commandedSinceChangeDeg = 0;
      return new AngleReading(now, degrees, Quality.GOOD, "");
    }
    if (Math.abs(commandedSinceChangeDeg) > stuckToleranceDeg) {
      return new AngleReading(now, degrees, Quality.STALE, String.format(
          "%s: RAW ANGLE stuck at %d while %.3f deg were commanded", encoder.name(), lastRaw, commandedSinceChangeDeg));
    }
    return new AngleReading(now, degrees, Quality.GOOD, "");
  }
}
