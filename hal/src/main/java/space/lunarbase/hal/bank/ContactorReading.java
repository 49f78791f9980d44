package space.lunarbase.hal.bank;

import java.time.Instant;
import space.lunarbase.hal.Quality;

/**
 * A contactor's command and judged state. WELDED and FAILED_TO_CLOSE are GOOD readings of a
 * faulty contactor; a feedback that cannot be read is a FAILED reading with status UNKNOWN.
 *
 * @param contactor which one
 * @param time when its feedback was read
 * @param commandedClosed whether its coil is commanded on
 * @param status what the feedback says, judged against the command and the settle time
 * @param quality how far the status can be trusted
 * @param fault why the quality is not GOOD; empty when GOOD
 */
public record ContactorReading(BankContactor contactor, Instant time, boolean commandedClosed,
    ContactorStatus status, Quality quality, String fault) {

  public ContactorReading {
    Readings.check(time, quality, fault);
  }
}
