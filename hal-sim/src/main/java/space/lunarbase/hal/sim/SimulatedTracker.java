package space.lunarbase.hal.sim;

import com.pi4j.context.Context;
import java.util.Objects;
import space.lunarbase.hal.board.TrackerAssembly;
import space.lunarbase.hal.sim.gpio.SimPins;
import space.lunarbase.hal.tracker.Axis;
import space.lunarbase.hal.tracker.SolarTracker;
import space.lunarbase.hal.tracker.StepperTracker;
import space.lunarbase.hal.tracker.TrackerWiring;

/**
 * A whole solar-array tracker in simulation: on {@link SimBuses} of its own ({@link #start}) or
 * shared with a board ({@link #attach}), two {@link SimAs5600} on the
 * wiring's buses reading a {@link TrackerPlant}, a {@link SimAds1115} reading a
 * {@link SunSensorModel}, step/dir/enable/fault lines and limit switches on {@link SimPins} wired
 * to the plant, and the real drivers and {@link StepperTracker} built by {@link TrackerAssembly} on
 * top. The ADS1115's conversion
 * wait runs on a counter that only its own pauses advance, so no real time passes.
 */
public final class SimulatedTracker implements AutoCloseable {


  /** The context this part started for itself, if any. */
  private final OwnedContext ownedContext;
  private final TrackerPlant plant;
  private final SimPins pins;
  private final SimAs5600 azimuthEncoder;
  private final SimAs5600 elevationEncoder;
  private final SimAds1115 sunAdc;
  private final SimI2CProvider i2c;
  private final SimClock clock;
  private final StepperTracker tracker;

  private SimulatedTracker(Context ownedContext, TrackerPlant plant, SimPins pins, SimAs5600 azimuthEncoder,
      SimAs5600 elevationEncoder, SimAds1115 sunAdc, SimI2CProvider i2c, SimClock clock, StepperTracker tracker) {
    this.ownedContext = new OwnedContext(ownedContext, SimulatedTracker.class);
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
        demo.startAzimuthDeg(), demo.startElevationDeg(), demo.cableNeutralAzimuthDeg(), demo.cableWrapStopDeg());
    return start(wiring, spec, SunSensorModel.Spec.demo(), sun, clock, StepperTracker.Settings.defaults(wiring.id()));
  }

  /**
   * Builds and starts the tracker on a context of its own; the drivers' start-up runs against the
   * simulated chips.
   *
   * @throws IllegalArgumentException if the plant's mechanics differ from the wiring's
   */
  public static SimulatedTracker start(TrackerWiring wiring, TrackerPlant.Spec plantSpec, SunSensorModel.Spec sensorSpec,
      SunDirection sun, SimClock clock, StepperTracker.Settings settings) {
    check(wiring, plantSpec, clock);
    SimBuses buses = new SimBuses();
    Context pi4j = buses.newContext();
    try {
      return attach(buses, pi4j, wiring, plantSpec, sensorSpec, sun, clock, settings).owning(pi4j);
    } catch (RuntimeException e) {
      SimBuses.shutdownAfter(pi4j, e);
      throw e;
    }
  }

  /**
   * Builds the plant, attaches its chips and pins to a board's shared {@code buses} and starts the
   * tracker on the board's context {@code pi4j}, which the board owns.
   *
   * @throws IllegalArgumentException if the plant's mechanics differ from the wiring's
   */
  public static SimulatedTracker attach(SimBuses buses, Context pi4j, TrackerWiring wiring, TrackerPlant.Spec plantSpec,
      SunSensorModel.Spec sensorSpec, SunDirection sun, SimClock clock, StepperTracker.Settings settings) {
    check(wiring, plantSpec, clock);
    TrackerPlant plant = new TrackerPlant(plantSpec);
    SunSensorModel sensor = new SunSensorModel(sensorSpec, sun, clock, plant::pointing);
    SimAs5600 azChip = new SimAs5600(() -> plant.encoderAngle(Axis.AZIMUTH), 11);
    SimAs5600 elChip = new SimAs5600(() -> plant.encoderAngle(Axis.ELEVATION), 12);
    SimAds1115 adcChip = new SimAds1115(13)
        .input(0, () -> sensor.volts(SunSensorModel.Quadrant.UPPER_LEFT))
        .input(1, () -> sensor.volts(SunSensorModel.Quadrant.UPPER_RIGHT))
        .input(2, () -> sensor.volts(SunSensorModel.Quadrant.LOWER_LEFT))
        .input(3, () -> sensor.volts(SunSensorModel.Quadrant.LOWER_RIGHT));
    SimI2CProvider i2c = buses.i2c()
        .attach(wiring.azimuthEncoder().bus(), wiring.azimuthEncoder().address(), azChip)
        .attach(wiring.elevationEncoder().bus(), wiring.elevationEncoder().address(), elChip)
        .attach(wiring.sunSensorAdc().bus(), wiring.sunSensorAdc().address(), adcChip);
    SimPins pins = buses.pins();
    wireAxis(pins, plant, Axis.AZIMUTH, wiring.azimuthPins());
    wireAxis(pins, plant, Axis.ELEVATION, wiring.elevationPins());
    pins.driveInput(wiring.elevationLowerLimitPin(), () -> !plant.elevationLowerLimitClosed());
    pins.driveInput(wiring.elevationUpperLimitPin(), () -> !plant.elevationUpperLimitClosed());
    StepperTracker tracker = TrackerAssembly.build(pi4j, wiring, settings, clock, new CounterTiming());
    return new SimulatedTracker(null, plant, pins, azChip, elChip, adcChip, i2c, clock, tracker);
  }

  private static void check(TrackerWiring wiring, TrackerPlant.Spec plantSpec, SimClock clock) {
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(plantSpec, "plantSpec");
    Objects.requireNonNull(clock, "clock");
    if (!plantSpec.azimuth().equals(wiring.azimuthMechanics())
        || !plantSpec.elevation().equals(wiring.elevationMechanics())) {
      throw new IllegalArgumentException("SimulatedTracker: plant mechanics " + plantSpec.azimuth() + "/"
          + plantSpec.elevation() + " differ from the wiring's " + wiring.azimuthMechanics() + "/"
          + wiring.elevationMechanics());
    }
  }

  private SimulatedTracker owning(Context context) {
    return new SimulatedTracker(context, plant, pins, azimuthEncoder, elevationEncoder, sunAdc, i2c, clock, tracker);
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
    return ownedContext.isClosed();
  }

  /** Shuts the context down if this tracker started it; a board's tracker leaves that to the board. */
  @Override
  public void close() {
    ownedContext.close();
  }
}
