package space.lunarbase.hal.tracker;

import com.pi4j.exception.Pi4JException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.ads1115.Ads1115;

/**
 * A quad-photodiode sun sensor read through four single-ended ADS1115 channels (AIN0 upper-left,
 * AIN1 upper-right, AIN2 lower-left, AIN3 lower-right). Offsets are the normalised imbalances
 * (right &minus; left) / total and (upper &minus; lower) / total, valid when the total is at least
 * the threshold. Never throws for hardware faults.
 */
public final class QuadSunSensor {

  /** A channel below this is not a photodiode voltage: the ADC answered wrongly. */
  static final double NEGATIVE_LIMIT_V = -0.05;

  private final Ads1115.Channel upperLeft;
  private final Ads1115.Channel upperRight;
  private final Ads1115.Channel lowerLeft;
  private final Ads1115.Channel lowerRight;
  private final double validThresholdV;
  private final InstantSource clock;

  public QuadSunSensor(Ads1115 adc, Ads1115.Range range, double validThresholdV, InstantSource clock) {
    Objects.requireNonNull(adc, "adc");
    Objects.requireNonNull(range, "range");
    this.upperLeft = adc.channel(Ads1115.Input.AIN0, range);
    this.upperRight = adc.channel(Ads1115.Input.AIN1, range);
    this.lowerLeft = adc.channel(Ads1115.Input.AIN2, range);
    this.lowerRight = adc.channel(Ads1115.Input.AIN3, range);
    if (!(validThresholdV > 0) || !Double.isFinite(validThresholdV)) {
      throw new IllegalArgumentException("sun sensor validThresholdV must be positive, was " + validThresholdV);
    }
    this.validThresholdV = validThresholdV;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public SunSensorReading read() {
    Instant now = clock.instant();
    double ul;
    double ur;
    double ll;
    double lr;
    try {
      ul = upperLeft.readVolts();
      ur = upperRight.readVolts();
      ll = lowerLeft.readVolts();
      lr = lowerRight.readVolts();
    } catch (DeviceException e) {
      return SunSensorReading.failed(now, e.getMessage());
    } catch (Pi4JException e) {
      return SunSensorReading.failed(now, upperLeft.chip().settings().name() + ": " + e.getMessage());
    }
    String fault = plausibility(ul, ur, ll, lr);
    double total = ul + ur + ll + lr;
    boolean valid = fault.isEmpty() && total >= validThresholdV;
    double az = valid ? (ur + lr - ul - ll) / total : Double.NaN;
    double el = valid ? (ul + ur - ll - lr) / total : Double.NaN;
    return new SunSensorReading(now, ul, ur, ll, lr, az, el, valid,
        fault.isEmpty() ? Quality.GOOD : Quality.OUT_OF_RANGE, fault);
  }

  private String plausibility(double... volts) {
    double saturated = upperLeft.range().fullScaleV() * 32767 / 32768;
    String[] names = {"upper-left", "upper-right", "lower-left", "lower-right"};
    for (int i = 0; i < volts.length; i++) {
      if (volts[i] < NEGATIVE_LIMIT_V) {
        return String.format("%s: %s photodiode reads %.4f V, below %.2f V", upperLeft.chip().settings().name(),
            names[i], volts[i], NEGATIVE_LIMIT_V);
      }
      if (volts[i] >= saturated) {
        return String.format("%s: %s photodiode saturated at %.4f V (range %s)", upperLeft.chip().settings().name(),
            names[i], volts[i], upperLeft.range());
      }
    }
    return "";
  }
}
