package space.lunarbase.fsw.core.seq;

import io.micronaut.context.annotation.Context;
import java.time.Instant;
import space.lunarbase.fsw.config.SequenceSettings;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;

/**
 * Looks for due sequence entries every {@code lunarbase.sequences.check-period} (100 ms: a task of
 * the 10 Hz group by default), on the injected clock, and hands them to the dispatcher. An entry
 * therefore starts between its time and about one check period after it (plus the dispatcher's
 * queue); an entry due right after the previous one is handed over as soon as that one is over.
 */
@Context
public final class SequenceScheduler implements RateGroupTask {

  private final Sequencer sequencer;

  public SequenceScheduler(Sequencer sequencer, RateGroupDriver driver, SequenceSettings settings) {
    this.sequencer = sequencer;
    driver.every(settings.checkPeriod(), "lunarbase.sequences.check-period", this, true);
  }

  @Override
  public String name() {
    return "sequences";
  }

  @Override
  public void run(Instant cycleTime) {
    sequencer.tick();
  }
}
