package space.lunarbase.fsw.core.channel;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a subsystem author writes to add a channel, and nothing more: a {@link ChannelSet} bean
 * (here only when {@code lunarbase.test.example-gauge=true}) whose value a test sets.
 */
@Singleton
@Requires(property = "lunarbase.test.example-gauge", value = "true")
public final class ExampleGauge implements ChannelSet {

  /** Yellow outside 0..10 bar, red outside -5..20 bar, no persistence. */
  public static final ChannelSpec SPEC = ChannelSpec.of("core.example_gauge", "bar").yellow(0, 10).red(-5, 20)
      .persistence(1);

  private final AtomicReference<Sample> sample = new AtomicReference<>(Sample.good(5));

  @Override
  public List<Channel> channels() {
    return List.of(new Channel(SPEC, sample::get));
  }

  /** What the gauge reads from now on. */
  public void set(Sample reading) {
    sample.set(reading);
  }
}
