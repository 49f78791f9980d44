package space.lunarbase.hal.tracker;

import space.lunarbase.hal.DeviceException;

/**
 * A two-axis solar-array tracker as the firmware sees it. Moves are bounded per call (at most
 * {@link #maxStepsPerCall()} steps), so a control loop calls them once per cycle. Readings carry
 * time and quality and never throw for hardware faults; commands throw {@link DeviceException}
 * when the hardware refuses or fails, with the reason.
 */
public interface SolarTracker {

  /** The tracker's configured id. */
  String id();

  /** Enables (true) or disables both stepper drivers; disabled motors hold no torque. */
  void enableMotors(boolean on);

  boolean motorsEnabled();

  /** The most steps one {@link #step} or {@link #moveTowards} call issues. */
  int maxStepsPerCall();

  /**
   * Steps {@code axis} by {@code steps} motor (micro)steps, positive towards larger angles. Stops
   * early at a closed limit switch or a driver fault.
   *
   * @return the steps issued, signed
   * @throws IllegalArgumentException if {@code |steps|} exceeds {@link #maxStepsPerCall()}
   * @throws DeviceException if the motors are disabled, the driver is faulted, or the limit switch
   *     in the direction of the move is closed
   */
  int step(Axis axis, int steps);

  /**
   * Moves {@code axis} towards {@code targetDeg} by at most {@link #maxStepsPerCall()} steps,
   * closing the loop on the encoder (azimuth the short way round).
   *
   * @return the steps issued, signed; 0 when already within a step of the target
   * @throws DeviceException as {@link #step}, or if the encoder reading is not GOOD
   */
  int moveTowards(Axis axis, double targetDeg);

  /**
   * Moves {@code axis} by {@code degrees} of axis angle, signed (positive towards larger angles),
   * open loop: rounded to whole steps and bounded to {@link #maxStepsPerCall()}. Unlike
   * {@link #moveTowards} it never chooses the direction, so a caller that keeps its own unwrapped
   * azimuth (cable-wrap bookkeeping) turns the way it means to, and closes the loop itself.
   *
   * @return the steps issued, signed; 0 when {@code degrees} is less than half a step
   * @throws IllegalArgumentException if {@code degrees} is not finite
   * @throws DeviceException as {@link #step}
   */
  int moveBy(Axis axis, double degrees);

  /** The steps issued to {@code axis}'s driver since start, signed (positive = towards larger angles). */
  long stepsIssued(Axis axis);

  /** The axis angle from its encoder. */
  AngleReading encoderAngle(Axis axis);

  /** The sun sensor's quadrant voltages and the Sun's offset from the pointing. */
  SunSensorReading sunSensor();

  /** The elevation limit switches. */
  LimitReading limits();

  /**
   * Moves elevation one bounded increment towards the stow angle (azimuth stays).
   *
   * @return true once elevation is within the pointing tolerance of the stow angle
   * @throws DeviceException as {@link #moveTowards}
   */
  boolean stow();
}
