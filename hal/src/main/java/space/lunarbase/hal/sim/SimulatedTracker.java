package space.lunarbase.hal.sim;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.hal.device.ads1115.Ads1115;
import space.lunarbase.hal.device.as5600.As5600;
import space.lunarbase.hal.device.gpio.Switch;
import space.lunarbase.hal.device.stepper.StepDirDriver;
import space.lunarbase.hal.sim.gpio.SimDigitalInputProvider;
import space.lunarbase.hal.sim.gpio.SimDigitalOutputProvider;
import space.lunarbase.hal.sim.gpio.SimPins;
import space.lunarbase.hal.tracker.Axis;
import space.lunarbase.hal.tracker.QuadSunSensor;
import space.lunarbase.hal.tracker.SolarTracker;
import space.lunarbase.hal.tracker.StepperTracker;
import space.lunarbase.hal.tracker.TrackerWiring;

/**
 * A whole solar-array tracker in simulation: a Pi4J context holding only our providers
 * ({@link SimI2CProvider} and the {@link SimPins} GPIO providers), two {@link SimAs5600} on the
 * wiring's buses reading a {@link TrackerPlant}, a {@link SimAds1115} reading a
 * {@link SunSensorModel}, step/dir/enable/fault lines and limit switches on {@link SimPins} wired
 * to the plant, and the real drivers and {@link StepperTracker} on top. The ADS1115's conversion
 * wait runs on a counter that only its own pauses advance, so no real time passes.
 */
public final class SimulatedTracker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedTracker.class);
  /** Debouncing of the simulated limit switches: 3 equal reads in a row, at most 16 reads. */
  static final int SWITCH_STABLE_READS = 3;
  static final int SWITCH_MAX_READS = 16;
  /** Total sun-sensor voltage below which the offsets are not trusted. */
  static final double SUN_VALID_THRESHOLD_V = 0.5;

  private final Context pi4j;
  private final TrackerPlant plant;
  private final SimPins pins;
  private final SimAs5600 azimuthEncoder;
  private final SimAs5600 elevationEncoder;
  private final SimAds1115 sunAdc;
  private final SimI2CProvider i2c;
  private final SimClock clock;
  private final StepperTracker tracker;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SimulatedTracker(Context pi4j, TrackerPlant plant, SimPins pins, SimAs5600 azimuthEncoder,
      SimAs5600 elevationEncoder, SimAds1115 sunAdc, SimI2CProvider i2c, SimClock clock, StepperTracker tracker) {
    this.pi4j = pi4j;
    this.plant = plant;
    this.pins = pins;
    this.azimuthEncoder = azimuthEncoder;
    this.elevationEncoder = elevationEncoder;
    this.sunAdc = sunAdc;
    this.i2c = i2c;
    this.clock = clock;
    this.tracker = tracker;
  }

  /** A demo tracker: demo plant and sun sensor, default tracker settings, the wiring's id. */
  public static SimulatedTracker start(TrackerWiring wiring, SunDirection sun, SimClock clock) {
    TrackerPlant.Spec demo = TrackerPlant.Spec.demo();
    TrackerPlant.Spec spec = new TrackerPlant.Spec(wiring.azimuthMechanics(), wiring.elevationMechanics(),
        demo.backlashDeg(), demo.elevationLowerLimitDeg(), demo.elevationUpperLimitDeg(), demo.overtravelDeg(),
        demo.startAzimuthDeg(), demo.startElevationDeg());
    return start(wiring, spec, SunSensorModel.Spec.demo(), sun, clock, StepperTracker.Settings.defaults(wiring.id()));
  }

  /**
   * Builds and starts the tracker; the drivers' start-up runs against the simulated chips.
   *
   * @throws IllegalArgumentException if the plant's mechanics differ from the wiring's
   */
  public static SimulatedTracker start(TrackerWiring wiring, TrackerPlant.Spec plantSpec, SunSensorModel.Spec sensorSpec,
      SunDirection sun, SimClock clock, StepperTracker.Settings settings) {
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(clock, "clock");
    if (!plantSpec.azimuth().equals(wiring.azimuthMechanics())
        || !plantSpec.elevation().equals(wiring.elevationMechanics())) {
      throw new IllegalArgumentException("SimulatedTracker: plant mechanics " + plantSpec.azimuth() + "/"
          + plantSpec.elevation() + " differ from the wiring's " + wiring.azimuthMechanics() + "/"
          + wiring.elevationMechanics());
    }
    TrackerPlant plant = new TrackerPlant(plantSpec);
    SunSensorModel sensor = new SunSensorModel(sensorSpec, sun, clock, plant::pointing);
    SimAs5600 azChip = new SimAs5600(() -> plant.angle(Axis.AZIMUTH), 11);
    SimAs5600 elChip = new SimAs5600(() -> plant.angle(Axis.ELEVATION), 12);
    SimAds1115 adcChip = new SimAds1115(13)
        .input(0, () -> sensor.volts(SunSensorModel.Quadrant.UPPER_LEFT))
        .input(1, () -> sensor.volts(SunSensorModel.Quadrant.UPPER_RIGHT))
        .input(2, () -> sensor.volts(SunSensorModel.Quadrant.LOWER_LEFT))
        .input(3, () -> sensor.volts(SunSensorModel.Quadrant.LOWER_RIGHT));
    SimI2CProvider i2c = new SimI2CProvider()
        .attach(wiring.azimuthEncoder().bus(), wiring.azimuthEncoder().address(), azChip)
        .attach(wiring.elevationEncoder().bus(), wiring.elevationEncoder().address(), elChip)
        .attach(wiring.sunSensorAdc().bus(), wiring.sunSensorAdc().address(), adcChip);
    SimPins pins = new SimPins();
    wireAxis(pins, plant, Axis.AZIMUTH, wiring.azimuthPins());
    wireAxis(pins, plant, Axis.ELEVATION, wiring.elevationPins());
    pins.driveInput(wiring.elevationLowerLimitPin(), () -> !plant.elevationLowerLimitClosed());
    pins.driveInput(wiring.elevationUpperLimitPin(), () -> !plant.elevationUpperLimitClosed());

    Context pi4j = Pi4J.newContextBuilder().add(i2c).add(pins.providers()).build();
    try {
      Parts parts = new Parts(pi4j, wiring, settings);
      As5600 az = new As5600(parts.i2c("az-encoder", wiring.azimuthEncoder()), wiring.deviceName("az-encoder"));
      As5600 el = new As5600(parts.i2c("el-encoder", wiring.elevationEncoder()), wiring.deviceName("el-encoder"));
      Ads1115 adc = new Ads1115(parts.i2c("sun-adc", wiring.sunSensorAdc()),
          new Ads1115.Settings(wiring.deviceName("sun-adc"), Ads1115.DataRate.SPS_860), counterTiming());
      adc.start();
      StepperTracker tracker = new StepperTracker(settings,
          new StepperTracker.Drive(parts.driver("az-stepper", wiring.azimuthPins()), az, wiring.azimuthMechanics()),
          new StepperTracker.Drive(parts.driver("el-stepper", wiring.elevationPins()), el, wiring.elevationMechanics()),
          new QuadSunSensor(adc, Ads1115.Range.FS_4_096V, SUN_VALID_THRESHOLD_V, clock),
          parts.limitSwitch("el-lower-limit", wiring.elevationLowerLimitPin()),
          parts.limitSwitch("el-upper-limit", wiring.elevationUpperLimitPin()), clock);
      return new SimulatedTracker(pi4j, plant, pins, azChip, elChip, adcChip, i2c, clock, tracker);
    } catch (RuntimeException e) {
      try {
        pi4j.shutdown();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static void wireAxis(SimPins pins, TrackerPlant plant, Axis axis, TrackerWiring.AxisPins axisPins) {
    pins.onOutput(axisPins.step(), (pin, high) -> {
      if (high) {
        plant.stepPulse(axis, pins.outputHigh(axisPins.direction()));
      }
    });
    pins.onOutput(axisPins.enableN(), (pin, high) -> plant.setEnabled(axis, !high));
    pins.driveInput(axisPins.faultN(), () -> !plant.driverFault(axis));
  }

  /** A conversion-wait timing whose clock only its own pauses advance. */
  private static Ads1115.Timing counterTiming() {
    AtomicLong nanos = new AtomicLong();
    return new Ads1115.Timing() {
      @Override
      public long nanoTime() {
        return nanos.get();
      }

      @Override
      public void pause(long pause) {
        nanos.addAndGet(pause);
      }
    };
  }

  /** Creates the Pi4J handles of one tracker, named {@code <id>-<part>}. */
  private record Parts(Context pi4j, TrackerWiring wiring, StepperTracker.Settings settings) {

    I2C i2c(String part, TrackerWiring.I2cDevice device) {
      return pi4j.create(I2C.newConfigBuilder(pi4j).id(wiring.id() + "-" + part).bus(device.bus())
          .device(device.address()).provider(SimI2CProvider.ID).build());
    }

    DigitalOutput output(String part, int pin, DigitalState initial) {
      return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(wiring.id() + "-" + part).address(pin)
          .initial(initial).shutdown(initial).provider(SimDigitalOutputProvider.ID).build());
    }

    DigitalInput input(String part, int pin) {
      return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(wiring.id() + "-" + part).address(pin)
          .pull(PullResistance.PULL_UP).provider(SimDigitalInputProvider.ID).build());
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

  /** The tracker as the firmware sees it. */
  public SolarTracker tracker() {
    return tracker;
  }

  public TrackerPlant plant() {
    return plant;
  }

  /** The GPIO wiring, for input faults (stuck, chattering limit switches). */
  public SimPins pins() {
    return pins;
  }

  public SimAs5600 encoder(Axis axis) {
    return axis == Axis.AZIMUTH ? azimuthEncoder : elevationEncoder;
  }

  public SimAds1115 sunAdc() {
    return sunAdc;
  }

  public SimI2CProvider i2c() {
    return i2c;
  }

  public SimClock clock() {
    return clock;
  }

  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        pi4j.shutdown();
      } catch (RuntimeException e) {
        LOG.warn("Pi4J context did not shut down cleanly", e);
      }
    }
  }
}
