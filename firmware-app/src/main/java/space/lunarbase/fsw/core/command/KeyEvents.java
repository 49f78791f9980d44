package space.lunarbase.fsw.core.command;

import static space.lunarbase.fsw.core.event.EventArg.text;

import jakarta.inject.Singleton;
import java.util.List;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.event.EventSet;
import space.lunarbase.proto.v1.Severity;

/** The key ring's events (subsystem {@code core}, ids 29xx); arguments {@code file} and {@code detail}. */
@Singleton
public final class KeyEvents implements EventSet {

  /** The key file was read again and its ring now verifies commands. */
  public static final EventLog.Kind KEY_RING_RELOADED = new EventLog.Kind(2901, "KEY_RING_RELOADED", "core",
      Severity.SEVERITY_ACTIVITY_HI)
      .with(text("file"), text("detail"));
  /** The key file could not be used: the ring before it stays. */
  public static final EventLog.Kind KEY_RING_NOT_RELOADED = new EventLog.Kind(2902, "KEY_RING_NOT_RELOADED", "core",
      Severity.SEVERITY_WARNING_HI)
      .with(text("file"), text("detail"));

  @Override
  public List<EventLog.Kind> events() {
    return List.of(KEY_RING_RELOADED, KEY_RING_NOT_RELOADED);
  }
}
