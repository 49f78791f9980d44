package space.lunarbase.fsw.core.channel;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The declaration of one telemetry channel and its limits (F Prime's channel with yellow and red
 * limits). A limit that is {@code NaN} is not checked. A value must stay beyond a limit for
 * {@code persistence} consecutive good samples to trip it, and back within for as many to clear.
 *
 * @param name {@code subsystem.name}, e.g. {@code bank.cell_03_voltage}
 * @param type how the value is to be shown
 * @param unit e.g. {@code V}, {@code A}, {@code degC}
 * @param yellowLow warning below this
 * @param yellowHigh warning above this
 * @param redLow alarm below this (at most {@code yellowLow})
 * @param redHigh alarm above this (at least {@code yellowHigh})
 * @param persistence consecutive samples to trip or clear, 1 to 1000
 */
public record ChannelSpec(String name, Type type, String unit, double yellowLow, double yellowHigh, double redLow,
                          double redHigh, int persistence) {

  static final Pattern NAME = Pattern.compile("[a-z]+\\.[a-z0-9_]{1,48}");

  /** A channel's value type. */
  public enum Type { F64, I64 }

  public ChannelSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("channel name must be subsystem.name, was " + name);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(unit, "unit");
    if (persistence < 1 || persistence > 1000) {
      throw new IllegalArgumentException(name + ": persistence is 1 to 1000 samples, was " + persistence);
    }
    if (yellowLow > yellowHigh || redLow > yellowLow || redHigh < yellowHigh || redLow > redHigh) {
      throw new IllegalArgumentException(name + ": limits must nest, red low <= yellow low <= yellow high <= red high");
    }
  }

  /** A channel without limits, persistence 1. */
  public static ChannelSpec of(String name, String unit) {
    return new ChannelSpec(name, Type.F64, unit, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1);
  }

  /** This channel with yellow limits ({@code NaN} for none). */
  public ChannelSpec yellow(double low, double high) {
    return new ChannelSpec(name, type, unit, low, high, redLow, redHigh, persistence);
  }

  /** This channel with red limits ({@code NaN} for none). */
  public ChannelSpec red(double low, double high) {
    return new ChannelSpec(name, type, unit, yellowLow, yellowHigh, low, high, persistence);
  }

  /** This channel with {@code samples} of persistence. */
  public ChannelSpec persistence(int samples) {
    return new ChannelSpec(name, type, unit, yellowLow, yellowHigh, redLow, redHigh, samples);
  }

  /** The subsystem: the part before the dot. */
  public String subsystem() {
    return name.substring(0, name.indexOf('.'));
  }

  /** The level {@code value} (a good, finite one) is at, ignoring persistence. */
  public Level classify(double value) {
    if (value > redHigh) {
      return Level.RED_HI;
    }
    if (value < redLow) {
      return Level.RED_LO;
    }
    if (value > yellowHigh) {
      return Level.YELLOW_HI;
    }
    if (value < yellowLow) {
      return Level.YELLOW_LO;
    }
    return Level.IN_LIMITS;
  }

  /** The limit that bounds {@code level} ({@code NaN} for IN_LIMITS). */
  public double limit(Level level) {
    return switch (level) {
      case RED_HI -> redHigh;
      case RED_LO -> redLow;
      case YELLOW_HI -> yellowHigh;
      case YELLOW_LO -> yellowLow;
      case IN_LIMITS -> Double.NaN;
    };
  }
}
