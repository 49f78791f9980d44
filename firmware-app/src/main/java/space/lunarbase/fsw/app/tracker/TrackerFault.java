package space.lunarbase.fsw.app.tracker;

import java.util.Objects;
import space.lunarbase.fsw.core.fdir.SafingTable;

/**
 * A tracker hardware fault: its kind is a {@link SafingTable} fault name (the response is declared
 * there), its text says what was seen.
 *
 * @param kind {@link SafingTable#TRACKER_ENCODER_FAULT}, {@link SafingTable#TRACKER_LIMIT_SWITCH} or
 *     {@link SafingTable#TRACKER_DRIVE_FAULT}
 * @param text what was seen, for the event and the state's cause
 */
record TrackerFault(String kind, String text) {

  TrackerFault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }
}
