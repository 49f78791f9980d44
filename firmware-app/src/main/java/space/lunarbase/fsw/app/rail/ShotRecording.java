package space.lunarbase.fsw.app.rail;

import java.util.ArrayList;
import java.util.List;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.railfe.GateEvent;
import space.lunarbase.hal.device.railfe.RailEvent;
import space.lunarbase.hal.rail.EventBatch;

/**
 * What the front-end's FIFO gave during one shot, drain after drain, with every sign of loss kept:
 * overflow, dropped and CRC-lost records, drains that failed. Also how the shot ended (timed out,
 * aborted). Used by one thread at a time (the sequencer's lock).
 */
final class ShotRecording {

  private final List<RailEvent> events = new ArrayList<>();
  private int failedDrains;
  private String firstDrainFault = "";
  private boolean overflow;
  private int droppedRecords;
  private int lostRecords;
  private boolean timedOut;
  private boolean aborted;

  /** Adds one drain's events and loss counts; returns whether records are still waiting. */
  boolean add(EventBatch batch) {
    if (batch.quality() != Quality.GOOD) {
      if (failedDrains++ == 0) {
        firstDrainFault = batch.fault();
      }
      return false;
    }
    events.addAll(batch.events());
    overflow |= batch.overflow();
    droppedRecords = Math.max(droppedRecords, batch.droppedRecords());
    lostRecords += batch.lostRecords();
    return batch.remaining() > 0;
  }

  void timedOut() {
    timedOut = true;
  }

  void aborted() {
    aborted = true;
  }

  /** Whether a real (not noise) crossing of {@code gate} was drained. */
  boolean crossed(int gate) {
    return events.stream().anyMatch(e -> e instanceof GateEvent g && g.gate() == gate && g.isCrossing());
  }

  /** Every record drained, in FIFO order. */
  List<RailEvent> events() {
    return List.copyOf(events);
  }

  /** Drains that failed (the front-end did not answer): their records, if any, are still unknown. */
  int failedDrains() {
    return failedDrains;
  }

  /** The first failed drain's fault; empty if none failed. */
  String firstDrainFault() {
    return firstDrainFault;
  }

  boolean overflow() {
    return overflow;
  }

  int droppedRecords() {
    return droppedRecords;
  }

  int lostRecords() {
    return lostRecords;
  }

  boolean isTimedOut() {
    return timedOut;
  }

  boolean isAborted() {
    return aborted;
  }
}
