package space.lunarbase.fsw.core.seq;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.InstantSource;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.core.rate.Tick;

/**
 * The timeline sequences run on: the rate groups' {@link Tick} (the simulation clock with
 * {@code hal.mode=sim}, the system clock on a board), so that an entry's time, the scheduler task
 * that looks for it and the times in {@code tlm/seq} are read from one clock. Absolute entry times
 * are times of this clock.
 */
@Singleton
public final class SequenceTime implements InstantSource {

  private final Tick tick;

  /** {@code hal} first: the Tick comes from the hal mode's hardware factory, so a bad hal.mode is reported as such. */
  @jakarta.inject.Inject
  public SequenceTime(@SuppressWarnings("UnusedVariable") HalSettings hal, Tick tick) {
    this(tick);
  }

  /** On {@code tick} (tests, and tools that build the sequencer by hand). */
  public SequenceTime(Tick tick) {
    this.tick = tick;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochSecond(0, tick.nanos());
  }
}
