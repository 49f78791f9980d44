package space.lunarbase.hal.board;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import java.time.InstantSource;
import java.util.Objects;
import space.lunarbase.hal.device.ads1115.Ads1115;
import space.lunarbase.hal.device.as5600.As5600;
import space.lunarbase.hal.device.gpio.Switch;
import space.lunarbase.hal.device.stepper.StepDirDriver;
import space.lunarbase.hal.tracker.QuadSunSensor;
import space.lunarbase.hal.tracker.StepperTracker;
import space.lunarbase.hal.tracker.TrackerWiring;

/**
 * Builds a {@link StepperTracker} from a {@link TrackerWiring} on whatever Pi4J context it is
 * given (the context's one provider per I/O type: Linux ones on a board, ours on the rig). Pi4J I/O
 * ids are {@code <id>-<part>}, device names {@code <id>/<part>}: {@code az-encoder},
 * {@code el-encoder}, {@code sun-adc}, {@code az-stepper}, {@code el-stepper},
 * {@code el-lower-limit}, {@code el-upper-limit}. Drivers start disabled (nENBL high).
 */
public final class TrackerAssembly {

  /** Debouncing of the limit switches: 3 equal reads in a row, at most 16 reads. */
  public static final int SWITCH_STABLE_READS = 3;
  public static final int SWITCH_MAX_READS = 16;
  /** Total sun-sensor voltage below which the offsets are not trusted. */
  public static final double SUN_VALID_THRESHOLD_V = 0.5;

  private TrackerAssembly() {}

  /**
   * @param timing the ADS1115's conversion wait ({@link Ads1115.Timing#system()} on a board)
   * @throws space.lunarbase.hal.DeviceException if a chip does not answer or keep its configuration
   */
  public static StepperTracker build(Context pi4j, TrackerWiring wiring, StepperTracker.Settings settings,
      InstantSource clock, Ads1115.Timing timing) {
    Objects.requireNonNull(pi4j, "pi4j");
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    Parts parts = new Parts(pi4j, wiring, settings);
    As5600 az = new As5600(parts.i2c("az-encoder", wiring.azimuthEncoder()), wiring.deviceName("az-encoder"));
    As5600 el = new As5600(parts.i2c("el-encoder", wiring.elevationEncoder()), wiring.deviceName("el-encoder"));
    Ads1115 adc = new Ads1115(parts.i2c("sun-adc", wiring.sunSensorAdc()),
        new Ads1115.Settings(wiring.deviceName("sun-adc"), Ads1115.DataRate.SPS_860), timing);
    adc.start();
    return new StepperTracker(settings,
        new StepperTracker.Drive(parts.driver("az-stepper", wiring.azimuthPins()), az, wiring.azimuthMechanics()),
        new StepperTracker.Drive(parts.driver("el-stepper", wiring.elevationPins()), el, wiring.elevationMechanics()),
        new QuadSunSensor(adc, Ads1115.Range.FS_4_096V, SUN_VALID_THRESHOLD_V, clock),
        parts.limitSwitch("el-lower-limit", wiring.elevationLowerLimitPin()),
        parts.limitSwitch("el-upper-limit", wiring.elevationUpperLimitPin()), clock);
  }

  /** Creates the Pi4J handles of one tracker, named {@code <id>-<part>}. */
  private record Parts(Context pi4j, TrackerWiring wiring, StepperTracker.Settings settings) {

    I2C i2c(String part, TrackerWiring.I2cDevice device) {
      return pi4j.create(I2C.newConfigBuilder(pi4j).id(wiring.id() + "-" + part).bus(device.bus())
          .device(device.address()).build());
    }

    DigitalOutput output(String part, int pin, DigitalState initial) {
      return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(wiring.id() + "-" + part).address(pin)
          .initial(initial).shutdown(initial).build());
    }

    DigitalInput input(String part, int pin) {
      return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(wiring.id() + "-" + part).address(pin)
          .pull(PullResistance.PULL_UP).build());
    }

    StepDirDriver driver(String part, TrackerWiring.AxisPins p) {
      return new StepDirDriver(output(part + "-step", p.step(), DigitalState.LOW),
          output(part + "-dir", p.direction(), DigitalState.LOW),
          output(part + "-enable-n", p.enableN(), DigitalState.HIGH), input(part + "-fault-n", p.faultN()),
          new StepDirDriver.Settings(wiring.deviceName(part), settings.maxStepsPerCall()));
    }

    Switch limitSwitch(String part, int pin) {
      return new Switch(input(part, pin),
          new Switch.Settings(wiring.deviceName(part), false, SWITCH_STABLE_READS, SWITCH_MAX_READS));
    }
  }
}
