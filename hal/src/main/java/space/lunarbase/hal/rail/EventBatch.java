package space.lunarbase.hal.rail;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.railfe.RailEvent;

/**
 * Events drained from the front-end's FIFO. FAILED (with no events) when the front-end did not
 * answer; otherwise GOOD, with any loss surfaced in the counts, never hidden.
 *
 * @param time when the drain ran
 * @param events oldest first, timestamps on the front-end's ns counter
 * @param remaining records left waiting (the drain is bounded)
 * @param overflow the FIFO overflowed since it was last cleared
 * @param droppedRecords records the front-end dropped (FIFO full) since it was last cleared
 * @param lostRecords records of this drain lost to a batch that failed its CRC twice
 */
public record EventBatch(Instant time, List<RailEvent> events, int remaining, boolean overflow, int droppedRecords,
    int lostRecords, Quality quality, String fault) {

  public EventBatch {
    Objects.requireNonNull(time, "time");
    events = List.copyOf(events);
    Readings.check(quality, fault);
  }

  public static EventBatch failed(Instant time, String fault) {
    return new EventBatch(time, List.of(), 0, false, 0, 0, Quality.FAILED, fault);
  }

  /** Nothing was lost on the way: no overflow, no CRC-lost batch. */
  public boolean complete() {
    return quality == Quality.GOOD && !overflow && lostRecords == 0;
  }
}
