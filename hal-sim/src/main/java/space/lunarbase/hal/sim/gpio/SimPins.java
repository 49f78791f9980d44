package space.lunarbase.hal.sim.gpio;

import com.pi4j.provider.Provider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The wiring between simulated GPIO pins (by BCM number) and plant models, shared by the three
 * simulated providers it hands out ({@link #providers()}).
 *
 * <ul>
 *   <li>An input pin reads {@link #driveInput(int, BooleanSupplier) its plant supplier} each time
 *       the firmware reads it, and whenever {@link #refresh()} polls it (plants on a
 *       {@link space.lunarbase.hal.sim.SimClock} call that after advancing time); a change fires
 *       Pi4J's {@code DigitalStateChangeEvent} as a real pin's edge does. An undriven input reads
 *       its pull resistor (high with pull-up, else low).
 *   <li>An output pin reports every state change to its {@link #onOutput listeners}.
 *   <li>A PWM channel reports its duty cycle and frequency to its {@link #onPwm listeners}.
 * </ul>
 *
 * <p>Faults per input pin: {@link #injectStuck stuck high or low}, and
 * {@link #injectChatter chattering} (the level read flips on each of the next N reads or polls, as
 * a bouncing contact does). Thread-safe; listeners are called on the caller's thread, outside any
 * lock of this class.
 */
public final class SimPins {

  private final Map<Integer, InputLine> inputs = new ConcurrentHashMap<>();
  private final Set<SimDigitalInput> liveInputs = ConcurrentHashMap.newKeySet();
  private final Map<Integer, List<OutputListener>> outputListeners = new ConcurrentHashMap<>();
  private final Map<Integer, Boolean> outputLevels = new ConcurrentHashMap<>();
  private final Map<Integer, List<PwmListener>> pwmListeners = new ConcurrentHashMap<>();
  private final Map<Integer, PwmState> pwmStates = new ConcurrentHashMap<>();

  /** Drives input {@code pin} from {@code level} (true = high), replacing any earlier driver. */
  public SimPins driveInput(int pin, BooleanSupplier level) {
    Objects.requireNonNull(level, "level");
    line(pin).driver = level;
    return this;
  }

  /** Calls {@code listener} on every state change of output {@code pin}. */
  public SimPins onOutput(int pin, OutputListener listener) {
    outputListeners.computeIfAbsent(checkPin(pin), p -> new CopyOnWriteArrayList<>())
        .add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Calls {@code listener} on every change of PWM channel {@code address}. */
  public SimPins onPwm(int address, PwmListener listener) {
    pwmListeners.computeIfAbsent(checkPin(address), p -> new CopyOnWriteArrayList<>())
        .add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Holds input {@code pin} at {@code high} whatever the plant says; {@code null} releases it. */
  public void injectStuck(int pin, Boolean high) {
    line(pin).stuck = high;
  }

  /**
   * Makes input {@code pin} chatter: each of the next {@code reads} reads or polls flips the level
   * it returned last time, starting from the opposite of the true level; then it reads true again.
   */
  public void injectChatter(int pin, int reads) {
    if (reads < 0) {
      throw new IllegalArgumentException("chatter reads must be >= 0, was " + reads);
    }
    line(pin).chatter(reads);
  }

  /** Releases every fault on input {@code pin}. */
  public void clearFaults(int pin) {
    InputLine line = inputs.get(pin);
    if (line != null) {
      line.stuck = null;
      line.chatter(0);
    }
  }

  /** Releases every fault on every input. */
  public void clearAllFaults() {
    inputs.keySet().forEach(this::clearFaults);
  }

  /** Polls every open simulated input; each one whose level changed fires its state-change event. */
  public void refresh() {
    liveInputs.forEach(SimDigitalInput::poll);
  }

  /** The level output {@code pin} drives now; false if it was never driven. */
  public boolean outputHigh(int pin) {
    return outputLevels.getOrDefault(pin, false);
  }

  /** What PWM channel {@code address} drives now; {@link PwmState#OFF} if never used. */
  public PwmState pwm(int address) {
    return pwmStates.getOrDefault(address, PwmState.OFF);
  }

  /**
   * A fresh set of our three providers (digital input, digital output, PWM) wired to these pins,
   * for {@code Pi4J.newContextBuilder().add(...)}. A provider instance belongs to one context.
   */
  public Provider<?, ?, ?>[] providers() {
    return new Provider<?, ?, ?>[] {
        new SimDigitalInputProvider(this), new SimDigitalOutputProvider(this), new SimPwmProvider(this)};
  }

  // Called by the simulated I/O handles

  /** One read of input {@code pin}: faults first, then the plant, else the pull resistor. */
  boolean sample(int pin, boolean pullHigh) {
    InputLine line = inputs.get(pin);
    return line == null ? pullHigh : line.sample(pullHigh);
  }

  void register(SimDigitalInput input) {
    liveInputs.add(input);
  }

  void unregister(SimDigitalInput input) {
    liveInputs.remove(input);
  }

  void outputChanged(int pin, boolean high) {
    outputLevels.put(pin, high);
    for (OutputListener listener : outputListeners.getOrDefault(pin, List.of())) {
      listener.changed(pin, high);
    }
  }

  void pwmChanged(int address, PwmState state) {
    pwmStates.put(address, state);
    for (PwmListener listener : pwmListeners.getOrDefault(address, List.of())) {
      listener.changed(address, state);
    }
  }

  private InputLine line(int pin) {
    return inputs.computeIfAbsent(checkPin(pin), p -> new InputLine());
  }

  private static int checkPin(int pin) {
    if (pin < 0) {
      throw new IllegalArgumentException("pin number must be >= 0, was " + pin);
    }
    return pin;
  }

  /** One input line: its plant driver and its faults. */
  private static final class InputLine {
    volatile BooleanSupplier driver;
    volatile Boolean stuck;
    private int chatterLeft;
    private boolean chatterLevel;
    private boolean chatterStarted;

    synchronized void chatter(int reads) {
      chatterLeft = reads;
      chatterStarted = false;
    }

    boolean sample(boolean pullHigh) {
      Boolean stuckLevel = stuck;
      if (stuckLevel != null) {
        return stuckLevel;
      }
      BooleanSupplier source = driver;
      boolean truth = source == null ? pullHigh : source.getAsBoolean();
      synchronized (this) {
        if (chatterLeft == 0) {
          return truth;
        }
        chatterLeft--;
        chatterLevel = chatterStarted ? !chatterLevel : !truth;
        chatterStarted = true;
        return chatterLevel;
      }
    }
  }
}
