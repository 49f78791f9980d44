package space.lunarbase.fsw.core.channel;

import java.util.Objects;
import java.util.function.Supplier;

/** A declared channel and where its current value comes from (called on the monitor's rate group). */
public record Channel(ChannelSpec spec, Supplier<Sample> source) {

  public Channel {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(source, "source");
  }
}
