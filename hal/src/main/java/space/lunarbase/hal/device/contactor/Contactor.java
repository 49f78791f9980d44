package space.lunarbase.hal.device.contactor;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;

/**
 * A DC contactor whose coil is switched by a GPIO output (through a driver transistor; high =
 * coil energised = main contacts closed) and whose auxiliary (mirror) contact is read on a GPIO
 * input. Typical of high-voltage DC contactors (e.g. TE/Kilovac EV200 with auxiliary contacts): the
 * main contacts close within about 20 ms of energising and open within about 10 ms of releasing,
 * and the auxiliary contact follows the main contacts mechanically, so it reveals a weld (main
 * contacts fused shut) or a failure to close.
 *
 * <p>Never waits: {@link #close()} and {@link #open()} only switch the coil and note the time;
 * {@link #state()} reads the feedback once and judges it against the command and the injected
 * clock. A disagreement becomes a fault only after the settle time has passed and it has been
 * seen on {@link Settings#confirmPolls()} polls in a row, so a bouncing auxiliary contact does not
 * raise a false weld. Bus and pin errors become {@link DeviceException}.
 */
public final class Contactor {

  /** What the contactor is doing, judged from command, feedback and time. */
  public enum State {
    /** Commanded open, feedback open. */
    OPEN,
    /** Commanded closed, feedback closed. */
    CLOSED,
    /** Commanded open, feedback still closed, within the settle time. */
    OPENING,
    /** Commanded closed, feedback still open, within the settle time. */
    CLOSING,
    /** Commanded open but the feedback stays closed: main contacts fused (or a feedback fault). */
    WELDED,
    /** Commanded closed but the feedback stays open: coil, driver or contacts failed. */
    FAILED_TO_CLOSE
  }

  /**
   * @param name the device's name in errors, e.g. {@code bank-a/main}
   * @param settle how long the contacts may take to follow a command (longer than the datasheet's
   *     operate and release times)
   * @param confirmPolls how many polls in a row after the settle time must disagree before a fault
   *     is reported, 1..100
   * @param feedbackHighWhenClosed the auxiliary contact's polarity at the input pin
   */
  public record Settings(String name, Duration settle, int confirmPolls, boolean feedbackHighWhenClosed) {

    public Settings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(settle, "settle");
      if (settle.isNegative() || settle.compareTo(Duration.ofSeconds(10)) > 0) {
        throw new IllegalArgumentException("contactor " + name + ": settle must be 0..10 s, was " + settle);
      }
      if (confirmPolls < 1 || confirmPolls > 100) {
        throw new IllegalArgumentException("contactor " + name + ": confirmPolls must be 1..100, was " + confirmPolls);
      }
    }

    /** 100 ms settle, 3 confirming polls, feedback high when closed. */
    public static Settings of(String name) {
      return new Settings(name, Duration.ofMillis(100), 3, true);
    }
  }

  private final DigitalOutput coil;
  private final DigitalInput feedback;
  private final InstantSource clock;
  private final Settings settings;
  private boolean commandedClosed;
  private Instant commandTime;
  private State reported = State.OPEN;
  private int disagreements;

  public Contactor(DigitalOutput coil, DigitalInput feedback, InstantSource clock, Settings settings) {
    this.coil = Objects.requireNonNull(coil, "coil");
    this.feedback = Objects.requireNonNull(feedback, "feedback");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.commandTime = clock.instant();
  }

  public String name() {
    return settings.name();
  }

  /** Energises the coil. @throws DeviceException if the output pin cannot be driven */
  public synchronized void close() {
    drive(true);
  }

  /** Releases the coil. @throws DeviceException if the output pin cannot be driven */
  public synchronized void open() {
    drive(false);
  }

  /** Whether the coil was last commanded on. */
  public synchronized boolean commandedClosed() {
    return commandedClosed;
  }

  /**
   * Reads the feedback once and judges it.
   *
   * @throws DeviceException if the feedback pin cannot be read or reads neither high nor low
   */
  public synchronized State state() {
    boolean closed = feedbackClosed();
    if (closed == commandedClosed) {
      disagreements = 0;
      reported = closed ? State.CLOSED : State.OPEN;
      return reported;
    }
    State moving = commandedClosed ? State.CLOSING : State.OPENING;
    if (clock.instant().isBefore(commandTime.plus(settings.settle()))) {
      disagreements = 0;
      reported = moving;
      return reported;
    }
    State fault = commandedClosed ? State.FAILED_TO_CLOSE : State.WELDED;
    State settled = commandedClosed ? State.CLOSED : State.OPEN;
    disagreements = Math.min(disagreements + 1, settings.confirmPolls());
    if (disagreements >= settings.confirmPolls()) {
      reported = fault;
    } else if (reported != settled && reported != fault) {
      reported = moving; // not yet confirmed: keep what was reported for this command
    }
    return reported;
  }

  /** Whether the auxiliary contact reads closed now. */
  public boolean feedbackClosed() {
    DigitalState level;
    try {
      level = feedback.state();
    } catch (RuntimeException e) {
      throw new DeviceException(settings.name(), "reading feedback input failed: " + e.getMessage(), e);
    }
    if (level != DigitalState.HIGH && level != DigitalState.LOW) {
      throw new DeviceException(settings.name(), "feedback input reads " + level);
    }
    return level.isHigh() == settings.feedbackHighWhenClosed();
  }

  private void drive(boolean close) {
    try {
      if (close) {
        coil.high();
      } else {
        coil.low();
      }
    } catch (RuntimeException e) {
      throw new DeviceException(settings.name(),
          (close ? "energising" : "releasing") + " the coil failed: " + e.getMessage(), e);
    }
    if (close != commandedClosed) {
      commandTime = clock.instant();
      disagreements = 0;
    }
    commandedClosed = close;
  }
}
