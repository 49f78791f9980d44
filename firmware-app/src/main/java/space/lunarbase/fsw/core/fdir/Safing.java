package space.lunarbase.fsw.core.fdir;

/**
 * Puts the hardware in a safe state when the flight software can no longer trust itself (a stuck
 * rate group): open the bank's contactors, disarm the rail, stow the trackers. Called from the
 * watchdog's thread, once; must not depend on the rate groups and must return within a second or
 * two. {@link SiteSafing} implements it ({@link NoSafing}, which only logs, is the fallback).
 */
@FunctionalInterface
public interface Safing {

  /** Makes the hardware safe; {@code reason} says why, for logs. */
  void safe(String reason);
}
