package space.lunarbase.hal.device.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;

/**
 * A mechanical switch (limit, end stop) on a Pi4J digital input, debounced by counting: one
 * {@link #read()} samples the pin until it sees {@link Settings#stableReads()} equal samples in a
 * row, giving up after {@link Settings#maxReads()} samples. No sleeps: a contact that still
 * bounces after that many samples is reported {@link State#UNSTABLE}, which callers treat as
 * closed (fail-safe).
 */
public final class Switch {

  /** A debounced switch state. */
  public enum State { OPEN, CLOSED, UNSTABLE }

  /**
   * @param name the switch's name in errors, e.g. {@code tracker-1/el-upper-limit}
   * @param closedHigh whether the pin reads high when the switch is closed
   * @param stableReads equal samples in a row that make a state, 1..64
   * @param maxReads samples one read may take, stableReads..1024
   */
  public record Settings(String name, boolean closedHigh, int stableReads, int maxReads) {
    public Settings {
      Objects.requireNonNull(name, "name");
      if (stableReads < 1 || stableReads > 64) {
        throw new IllegalArgumentException("Switch " + name + ": stableReads must be 1..64, was " + stableReads);
      }
      if (maxReads < stableReads || maxReads > 1024) {
        throw new IllegalArgumentException(
            "Switch " + name + ": maxReads must be stableReads.." + 1024 + ", was " + maxReads);
      }
    }
  }

  private final DigitalInput input;
  private final Settings settings;

  public Switch(DigitalInput input, Settings settings) {
    this.input = Objects.requireNonNull(input, "input");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Samples until the state is stable, at most {@link Settings#maxReads()} times.
   *
   * @throws DeviceException if the pin cannot be read
   */
  public State read() {
    boolean last = sample();
    int run = 1;
    for (int reads = 1; run < settings.stableReads() && reads < settings.maxReads(); reads++) {
      boolean now = sample();
      run = now == last ? run + 1 : 1;
      last = now;
    }
    if (run < settings.stableReads()) {
      return State.UNSTABLE;
    }
    return last ? State.CLOSED : State.OPEN;
  }

  private boolean sample() {
    try {
      return input.isHigh() == settings.closedHigh();
    } catch (RuntimeException e) {
      throw new DeviceException(settings.name(), "reading the switch input failed: " + e.getMessage(), e);
    }
  }
}
