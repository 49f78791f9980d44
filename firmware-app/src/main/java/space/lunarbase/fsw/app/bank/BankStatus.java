package space.lunarbase.fsw.app.bank;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import space.lunarbase.fsw.core.mode.Mode;

/**
 * What bank management made of one cycle, published for telemetry and the launch rail.
 *
 * @param time the cycle's time
 * @param state the state after the cycle
 * @param reason why it is in that state (the last transition's cause, or what keeps it there)
 * @param mode the bank's mode
 * @param readings what was read
 * @param targetCellV the per-cell target of the charge or discharge in progress; NaN when none
 * @param energy energy, state of charge and available energy from the readings
 * @param faults the protections and red limits holding the bank SAFE, one line each
 */
public record BankStatus(Instant time, BankState state, String reason, Mode mode, BankReadings readings,
                         double targetCellV, BankEnergy energy, List<String> faults) {

  public BankStatus {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(readings, "readings");
    Objects.requireNonNull(energy, "energy");
    faults = List.copyOf(faults);
  }

  /** Whether the bank is READY for a shot. */
  public boolean ready() {
    return state == BankState.READY;
  }
}
