package space.lunarbase.hal.tracker;

import com.pi4j.exception.Pi4JException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.as5600.As5600;
import space.lunarbase.hal.device.gpio.Switch;
import space.lunarbase.hal.device.stepper.StepDirDriver;

/**
 * A {@link SolarTracker} over two step/dir drivers, two AS5600 encoders on the axes, a quad sun
 * sensor and two elevation limit switches. Elevation refuses to move into a closed (or bouncing)
 * limit switch and stops a move when one closes; the switch is checked before every step.
 * Readings never throw; time comes from the injected clock.
 */
public final class StepperTracker implements SolarTracker {

  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

  /**
   * Behaviour that is not wiring.
   *
   * @param id the tracker's id
   * @param maxStepsPerCall the most steps one move issues (the drivers' limit must be at least this)
   * @param stowElevationDeg where {@link #stow()} takes elevation
   * @param pointingToleranceDeg how close counts as there for {@link #stow()}
   * @param encoderStuckToleranceDeg commanded motion without any encoder change that marks the
   *     encoder STALE (more than the backlash)
   */
  public record Settings(String id, int maxStepsPerCall, double stowElevationDeg, double pointingToleranceDeg,
      double encoderStuckToleranceDeg) {
    public Settings {
      Objects.requireNonNull(id, "StepperTracker.Settings.id must be given");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("StepperTracker.Settings.id must match [a-z0-9-]+, was '" + id + "'");
      }
      if (maxStepsPerCall < 1) {
        throw new IllegalArgumentException("StepperTracker.Settings.maxStepsPerCall must be >= 1, was " + maxStepsPerCall);
      }
      if (!(pointingToleranceDeg > 0) || !(encoderStuckToleranceDeg > 0) || !Double.isFinite(stowElevationDeg)) {
        throw new IllegalArgumentException("StepperTracker.Settings: tolerances must be positive and the stow"
            + " angle finite, were " + pointingToleranceDeg + ", " + encoderStuckToleranceDeg + ", " + stowElevationDeg);
      }
    }

    /** 2000 steps per call, stow at 0 deg elevation, 0.2 deg pointing tolerance, 1 deg stuck tolerance. */
    public static Settings defaults(String id) {
      return new Settings(id, 2000, 0, 0.2, 1.0);
    }
  }

  /** One axis: its driver, its encoder and its drive train. */
  public record Drive(StepDirDriver driver, As5600 encoder, AxisMechanics mechanics) {
    public Drive {
      Objects.requireNonNull(driver, "driver");
      Objects.requireNonNull(encoder, "encoder");
      Objects.requireNonNull(mechanics, "mechanics");
    }
  }

  private final Settings settings;
  private final Drive azimuth;
  private final Drive elevation;
  private final EncoderMonitor azimuthEncoder;
  private final EncoderMonitor elevationEncoder;
  private final QuadSunSensor sunSensor;
  private final Switch lowerLimit;
  private final Switch upperLimit;
  private final InstantSource clock;
  private volatile boolean motorsEnabled;

  public StepperTracker(Settings settings, Drive azimuth, Drive elevation, QuadSunSensor sunSensor, Switch lowerLimit,
      Switch upperLimit, InstantSource clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.azimuth = Objects.requireNonNull(azimuth, "azimuth");
    this.elevation = Objects.requireNonNull(elevation, "elevation");
    this.sunSensor = Objects.requireNonNull(sunSensor, "sunSensor");
    this.lowerLimit = Objects.requireNonNull(lowerLimit, "lowerLimit");
    this.upperLimit = Objects.requireNonNull(upperLimit, "upperLimit");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (Drive d : List.of(azimuth, elevation)) {
      if (d.driver().settings().maxStepsPerCall() < settings.maxStepsPerCall()) {
        throw new IllegalArgumentException("StepperTracker " + settings.id() + ": driver " + d.driver().settings().name()
            + " allows " + d.driver().settings().maxStepsPerCall() + " steps per call, fewer than "
            + settings.maxStepsPerCall());
      }
    }
    this.azimuthEncoder = new EncoderMonitor(azimuth.encoder(), Axis.AZIMUTH, clock, settings.encoderStuckToleranceDeg());
    this.elevationEncoder =
        new EncoderMonitor(elevation.encoder(), Axis.ELEVATION, clock, settings.encoderStuckToleranceDeg());
  }

  @Override
  public String id() {
    return settings.id();
  }

  @Override
  public synchronized void enableMotors(boolean on) {
    azimuth.driver().enable(on);
    elevation.driver().enable(on);
    motorsEnabled = on;
  }

  @Override
  public boolean motorsEnabled() {
    return motorsEnabled;
  }

  @Override
  public int maxStepsPerCall() {
    return settings.maxStepsPerCall();
  }

  @Override
  public synchronized int step(Axis axis, int steps) {
    if (Math.abs((long) steps) > settings.maxStepsPerCall()) {
      throw new IllegalArgumentException(String.format("tracker %s: %d %s steps exceed the %d allowed per call",
          settings.id(), steps, axis, settings.maxStepsPerCall()));
    }
    if (steps == 0) {
      return 0;
    }
    Drive drive = drive(axis);
    int done;
    if (axis == Axis.ELEVATION) {
      Switch limit = steps > 0 ? upperLimit : lowerLimit;
      String which = steps > 0 ? "upper" : "lower";
      Switch.State before = readLimit(limit);
      if (before != Switch.State.OPEN) {
        throw new DeviceException(limit.settings().name(), String.format(
            "refusing to move elevation %s: %s limit switch is %s", steps > 0 ? "up" : "down", which, before));
      }
      done = drive.driver().step(steps, () -> readLimit(limit) != Switch.State.OPEN);
    } else {
      done = drive.driver().step(steps);
    }
    encoder(axis).commanded(done * drive.mechanics().degreesPerStep());
    return done;
  }

  @Override
  public synchronized int moveTowards(Axis axis, double targetDeg) {
    if (!Double.isFinite(targetDeg)) {
      throw new IllegalArgumentException("target angle must be finite, was " + targetDeg);
    }
    AngleReading now = encoderAngle(axis);
    if (!now.good()) {
      throw new DeviceException(drive(axis).encoder().name(),
          "cannot close the loop on " + axis + ": encoder reading is " + now.quality() + " (" + now.fault() + ")");
    }
    double error = targetDeg - now.degrees();
    if (axis == Axis.AZIMUTH) {
      error = error - 360 * Math.floor((error + 180) / 360);
    }
    long steps = Math.round(error / drive(axis).mechanics().degreesPerStep());
    steps = Math.max(-settings.maxStepsPerCall(), Math.min(settings.maxStepsPerCall(), steps));
    return steps == 0 ? 0 : step(axis, (int) steps);
  }

  @Override
  public synchronized int moveBy(Axis axis, double degrees) {
    if (!Double.isFinite(degrees)) {
      throw new IllegalArgumentException("move must be finite, was " + degrees);
    }
    long steps = Math.round(degrees / drive(axis).mechanics().degreesPerStep());
    steps = Math.max(-settings.maxStepsPerCall(), Math.min(settings.maxStepsPerCall(), steps));
    return steps == 0 ? 0 : step(axis, (int) steps);
  }

  @Override
  public long stepsIssued(Axis axis) {
    return drive(axis).driver().position();
  }

  @Override
  public AngleReading encoderAngle(Axis axis) {
    return encoder(axis).read();
  }

  @Override
  public SunSensorReading sunSensor() {
    return sunSensor.read();
  }

  @Override
  public LimitReading limits() {
    Instant now = clock.instant();
    List<String> faults = new ArrayList<>();
    boolean lower = closedOrAssumed(lowerLimit, faults);
    boolean upper = closedOrAssumed(upperLimit, faults);
    return new LimitReading(now, lower, upper, faults.isEmpty() ? Quality.GOOD : Quality.FAILED,
        String.join("; ", faults));
  }

  @Override
  public synchronized boolean stow() {
    AngleReading now = encoderAngle(Axis.ELEVATION);
    if (now.good() && Math.abs(now.degrees() - settings.stowElevationDeg()) <= settings.pointingToleranceDeg()) {
      return true;
    }
    moveTowards(Axis.ELEVATION, settings.stowElevationDeg());
    AngleReading after = encoderAngle(Axis.ELEVATION);
    return after.good() && Math.abs(after.degrees() - settings.stowElevationDeg()) <= settings.pointingToleranceDeg();
  }

  private boolean closedOrAssumed(Switch limit, List<String> faults) {
    try {
      Switch.State state = limit.read();
      if (state == Switch.State.UNSTABLE) {
        faults.add(limit.settings().name() + ": still bouncing after " + limit.settings().maxReads()
            + " reads; assumed closed");
        return true;
      }
      return state == Switch.State.CLOSED;
    } catch (DeviceException | Pi4JException e) {
      faults.add(e.getMessage() + "; assumed closed");
      return true;
    }
  }

  private static Switch.State readLimit(Switch limit) {
    try {
      return limit.read();
    } catch (Pi4JException e) {
      throw new DeviceException(limit.settings().name(), "reading the limit switch failed: " + e.getMessage(), e);
    }
  }

  private Drive drive(Axis axis) {
    return axis == Axis.AZIMUTH ? azimuth : elevation;
  }

  private EncoderMonitor encoder(Axis axis) {
    return axis == Axis.AZIMUTH ? azimuthEncoder : elevationEncoder;
  }
}
