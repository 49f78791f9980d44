package space.lunarbase.hal.rail;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one command to the rail's hardware.
 *
 * @param time when it was done, from the injected clock
 * @param done whether the hardware did it (and confirmed it, where it can)
 * @param reason why not; empty when done
 */
public record RailAction(Instant time, boolean done, String reason) {

  public RailAction {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(reason, "reason");
    if (done != reason.isEmpty()) {
      throw new IllegalArgumentException(done ? "a done action has no reason, was: " + reason
          : "a failed action needs a reason");
    }
  }

  public static RailAction done(Instant time) {
    return new RailAction(time, true, "");
  }

  public static RailAction failed(Instant time, String reason) {
    return new RailAction(time, false, reason);
  }
}
