package space.lunarbase.hal.rail;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.railfe.Drain;
import space.lunarbase.hal.device.railfe.FiringTable;
import space.lunarbase.hal.device.railfe.FrontEndStatus;
import space.lunarbase.hal.device.railfe.RailFrontEnd;

/**
 * A rail over an LBRF front-end ({@link RailFrontEnd}) and four Pi4J discretes. Device and bus
 * errors become FAILED readings or failed actions with their reason; a thermistor that is open or
 * outside {@value #MIN_TEMP_C}..{@value #MAX_TEMP_C} degC makes the temperature reading
 * OUT_OF_RANGE (the other channels stay valid). Outputs are read back after each change. Time
 * comes from the injected clock only.
 */
public final class FrontEndRail implements LaunchRail {

  static final double MIN_TEMP_C = -200;
  static final double MAX_TEMP_C = 200;

  /** The four discretes of a rail, as Pi4J handles. */
  public record Discretes(DigitalInput breechLatched, DigitalInput railClear, DigitalOutput arm,
      DigitalOutput firePermit) {

    public Discretes {
      Objects.requireNonNull(breechLatched, "breechLatched");
      Objects.requireNonNull(railClear, "railClear");
      Objects.requireNonNull(arm, "arm");
      Objects.requireNonNull(firePermit, "firePermit");
    }
  }

  private final String id;
  private final RailFrontEnd frontEnd;
  private final Discretes io;
  private final InstantSource clock;

  public FrontEndRail(String id, RailFrontEnd frontEnd, Discretes io, InstantSource clock) {
    this.id = Objects.requireNonNull(id, "id");
    this.frontEnd = Objects.requireNonNull(frontEnd, "frontEnd");
    this.io = Objects.requireNonNull(io, "io");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public RailAction uploadFiringTable(FiringTable table) {
    Objects.requireNonNull(table, "table");
    return act(() -> frontEnd.uploadFiringTable(table));
  }

  @Override
  public RailAction armFrontEnd() {
    return act(frontEnd::arm);
  }

  @Override
  public RailAction disarmFrontEnd() {
    return act(frontEnd::disarm);
  }

  @Override
  public RailAction fire() {
    return act(frontEnd::fire);
  }

  @Override
  public RailAction clearEvents() {
    return act(frontEnd::clearFifo);
  }

  @Override
  public RailAction setArmOutput(boolean on) {
    return drive(io.arm(), on, "arm output");
  }

  @Override
  public RailAction setFirePermit(boolean on) {
    return drive(io.firePermit(), on, "fire-permit output");
  }

  @Override
  public EventBatch drainEvents() {
    Instant now = clock.instant();
    return read(now, () -> {
      Drain d = frontEnd.drain();
      return new EventBatch(now, d.events(), d.remaining(), d.overflow(), d.droppedRecords(), d.lostRecords(),
          Quality.GOOD, "");
    }, EventBatch::failed);
  }

  @Override
  public FrontEndReading readFrontEnd() {
    Instant now = clock.instant();
    return read(now, () -> {
      FrontEndStatus status = frontEnd.status();
      return new FrontEndReading(now, status, frontEnd.timeNs(), Quality.GOOD, "");
    }, FrontEndReading::failed);
  }

  @Override
  public ChannelReading readCoilCurrents() {
    Instant now = clock.instant();
    return read(now, () -> {
      double[] amps = frontEnd.coilCurrentsA();
      List<Double> values = new ArrayList<>();
      int coils = frontEnd.capabilities() == null ? amps.length : frontEnd.capabilities().coils();
      for (int c = 0; c < coils; c++) {
        values.add(amps[c]);
      }
      return new ChannelReading(now, values, Quality.GOOD, "");
    }, ChannelReading::failed);
  }

  @Override
  public ChannelReading readTemperatures() {
    Instant now = clock.instant();
    return read(now, () -> {
      double[] c = frontEnd.railTemperaturesC();
      List<Double> values = new ArrayList<>();
      List<String> bad = new ArrayList<>();
      for (int ch = 0; ch < c.length; ch++) {
        values.add(c[ch]);
        if (Double.isNaN(c[ch])) {
          bad.add("channel " + ch + " open or shorted");
        } else if (c[ch] < MIN_TEMP_C || c[ch] > MAX_TEMP_C) {
          bad.add(String.format("channel %d at %.2f degC outside %.0f..%.0f", ch, c[ch], MIN_TEMP_C, MAX_TEMP_C));
        }
      }
      return bad.isEmpty() ? new ChannelReading(now, values, Quality.GOOD, "")
          : new ChannelReading(now, values, Quality.OUT_OF_RANGE,
              frontEnd.settings().name() + ": thermistor " + String.join(", ", bad));
    }, ChannelReading::failed);
  }

  @Override
  public DiscreteReading breechLatched() {
    return input(io.breechLatched(), "breech-latched input");
  }

  @Override
  public DiscreteReading railClear() {
    return input(io.railClear(), "rail-clear input");
  }

  @Override
  public DiscreteReading armOutput() {
    return output(io.arm(), "arm output");
  }

  @Override
  public DiscreteReading firePermit() {
    return output(io.firePermit(), "fire-permit output");
  }

  private RailAction act(Runnable command) {
    Instant now = clock.instant();
    try {
      command.run();
      return RailAction.done(now);
    } catch (DeviceException e) {
      return RailAction.failed(now, e.getMessage());
    } catch (Pi4JException e) {
      return RailAction.failed(now, frontEnd.settings().name() + ": " + e.getMessage());
    }
  }

  private interface Failed<R> {
    R of(Instant time, String fault);
  }

  private <R> R read(Instant now, Supplier<R> reading, Failed<R> failed) {
    try {
      return reading.get();
    } catch (DeviceException e) {
      return failed.of(now, e.getMessage());
    } catch (Pi4JException e) {
      return failed.of(now, frontEnd.settings().name() + ": " + e.getMessage());
    }
  }

  private RailAction drive(DigitalOutput output, boolean on, String what) {
    Instant now = clock.instant();
    try {
      output.state(on ? DigitalState.HIGH : DigitalState.LOW);
      DigitalState back = output.state();
      if (back != (on ? DigitalState.HIGH : DigitalState.LOW)) {
        return RailAction.failed(now, id + ": " + what + " reads " + back + " after driving it " + (on ? "HIGH" : "LOW"));
      }
      return RailAction.done(now);
    } catch (RuntimeException e) {
      return RailAction.failed(now, id + ": " + what + ": " + e.getMessage());
    }
  }

  private DiscreteReading input(DigitalInput input, String what) {
    Instant now = clock.instant();
    try {
      return level(now, input.state(), what);
    } catch (RuntimeException e) {
      return DiscreteReading.failed(now, id + ": " + what + ": " + e.getMessage());
    }
  }

  private DiscreteReading output(DigitalOutput output, String what) {
    Instant now = clock.instant();
    try {
      return level(now, output.state(), what);
    } catch (RuntimeException e) {
      return DiscreteReading.failed(now, id + ": " + what + ": " + e.getMessage());
    }
  }

  private DiscreteReading level(Instant now, DigitalState state, String what) {
    return switch (state) {
      case HIGH -> new DiscreteReading(now, true, Quality.GOOD, "");
      case LOW -> new DiscreteReading(now, false, Quality.GOOD, "");
      default -> DiscreteReading.failed(now, id + ": " + what + " state " + state);
    };
  }
}
