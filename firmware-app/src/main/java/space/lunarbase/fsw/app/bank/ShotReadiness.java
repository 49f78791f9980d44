package space.lunarbase.fsw.app.bank;

import java.util.Objects;

/**
 * What the launch rail asks of the bank before it arms and again before it fires: is the bank
 * ready for a shot, and how much energy can it deliver to the coils. Implemented by bank
 * management; read by rail sequencing.
 */
public interface ShotReadiness {

  /** The bank's answer now. */
  Status status();

  /**
   * One answer.
   *
   * @param ready charged, balanced, contactors in their shot state, no fault
   * @param availableEnergyJ energy the bank can deliver for a shot, J (0 when not ready)
   * @param reason why it is not ready (empty when ready), for a refusal's text
   */
  record Status(boolean ready, double availableEnergyJ, String reason) {

    public Status {
      Objects.requireNonNull(reason, "reason");
      if (!(availableEnergyJ >= 0)) {
        throw new IllegalArgumentException("available energy must be >= 0 J, was " + availableEnergyJ);
      }
      if (ready && !reason.isEmpty()) {
        throw new IllegalArgumentException("a ready status has no reason, was " + reason);
      }
      if (!ready && reason.isBlank()) {
        throw new IllegalArgumentException("a status that is not ready needs a reason");
      }
    }

    /** Not ready, for {@code reason}. */
    public static Status notReady(String reason, double availableEnergyJ) {
      return new Status(false, availableEnergyJ, reason);
    }

    /** Ready with {@code availableEnergyJ}. */
    public static Status ready(double availableEnergyJ) {
      return new Status(true, availableEnergyJ, "");
    }
  }
}
