package space.lunarbase.fsw.core.mode;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;

/**
 * What range safety does to a subsystem's mode, for the commands that do it ({@code core.SET_MODE}
 * and {@code core.RELEASE_HOLD} under a range-safety key, {@code rail.SAFE}, a range-safety
 * {@code rail.ABORT}): make it SAFE and hold it there, or release the hold. Failures are
 * {@link IllegalStateException}s whose message is the command's FAILED text.
 */
@Singleton
public final class RangeSafety {

  private final Modes modes;
  private final RangeSafetyHolds holds;

  public RangeSafety(Modes modes, RangeSafetyHolds holds) {
    this.modes = modes;
    this.holds = holds;
  }

  public RangeSafetyHolds holds() {
    return holds;
  }

  /**
   * Holds {@code subsystem} and puts it in SAFE (both, whatever fails); returns the ack text.
   *
   * @throws IllegalStateException the hold could not be written (the subsystem is SAFE and held
   *     until a restart), or the mode could not be set
   */
  public String makeSafe(String subsystem, String keyId, String cause) {
    String notKept = null;
    boolean fresh;
    try {
      fresh = holds.hold(subsystem, keyId, cause);
    } catch (IOException e) {
      fresh = true;
      notKept = e.getMessage();
    }
    Mode before = modes.set(subsystem, Mode.SAFE, cause);
    String text = subsystem + " " + before + " -> SAFE, " + (fresh ? "held" : "still held")
        + " by range safety: only a range-safety key releases it";
    if (notKept != null) {
      throw new IllegalStateException(text + "; but the hold could not be kept across a restart: " + notKept);
    }
    return text;
  }

  /**
   * Releases range safety's hold on {@code subsystem} (its mode stays); returns the ack text.
   *
   * @throws IllegalStateException there is no hold, or the release could not be written (the hold stands)
   */
  public String release(String subsystem, String keyId, String cause) {
    Optional<RangeSafetyHolds.Hold> released = releaseIfHeld(subsystem, keyId, cause);
    if (released.isEmpty()) {
      throw new IllegalStateException(subsystem + " is not held by range safety");
    }
    return subsystem + ": range-safety hold released; it stays " + modes.of(subsystem).orElse(Mode.SAFE)
        + " until its mode is set";
  }

  /**
   * Releases the hold on {@code subsystem} if there is one, then puts it in {@code mode} (range
   * safety's own SET_MODE); returns the ack text.
   *
   * @throws IllegalStateException the release could not be written, or a guard keeps it SAFE
   *     (fault protection: the hold is released all the same)
   */
  public String setMode(String subsystem, Mode mode, String keyId, String cause) {
    if (mode == Mode.SAFE) {
      return makeSafe(subsystem, keyId, cause);
    }
    boolean released = releaseIfHeld(subsystem, keyId, cause).isPresent();
    Mode before = modes.set(subsystem, mode, cause);
    return subsystem + " " + before + " -> " + mode + (released ? " (range-safety hold released)" : "");
  }

  private Optional<RangeSafetyHolds.Hold> releaseIfHeld(String subsystem, String keyId, String cause) {
    try {
      return holds.release(subsystem, keyId, cause);
    } catch (IOException e) {
      throw new IllegalStateException(subsystem + " stays held: the release could not be written: " + e.getMessage());
    }
  }
}
