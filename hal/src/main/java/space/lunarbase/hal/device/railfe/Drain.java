package space.lunarbase.hal.device.railfe;

import java.util.List;

/**
 * The result of one bounded FIFO drain.
 *
 * @param events the records read, oldest first
 * @param remaining records still waiting when the drain stopped at its bound
 * @param overflow the FIFO overflowed since the last CLEAR_FIFO (records were lost on the device)
 * @param droppedRecords records the device dropped since the last CLEAR_FIFO
 * @param lostRecords records popped in this drain whose batch failed its CRC twice (spec &sect;9)
 */
public record Drain(List<RailEvent> events, int remaining, boolean overflow, int droppedRecords, int lostRecords) {

  public Drain {
    events = List.copyOf(events);
  }
}
