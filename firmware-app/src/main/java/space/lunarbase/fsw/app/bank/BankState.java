package space.lunarbase.fsw.app.bank;

import java.util.function.Consumer;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.state.Move;
import space.lunarbase.fsw.core.state.Transitions;

/**
 * Bank management's states. The bank's mode decides the family (SAFE: {@link #SAFE} or
 * {@link #FAULT}; MAINTENANCE: {@link #MANUAL}; NOMINAL: the others); within NOMINAL, commands
 * and readings move it. Every transition is a {@code BANK_STATE_CHANGED} event with its cause.
 *
 * <pre>
 *            bank.CHARGE             highest cell within
 *   IDLE ─────────────────▶ CHARGING ──taper window──▶ BALANCING ──every cell within──▶ READY
 *    ▲  ▲                       │                          │        the band of target     │
 *    │  │ bank.STOP, bad        ◀──────────────────────────┴── lowest cell below target ───┘
 *    │  │ readings, OPEN_CONTACTORS                              minus twice the band (top-up)
 *    │  └───── DISCHARGING ◀── bank.DISCHARGE (from IDLE or READY); ends at its target
 *    │
 *    └── mode NOMINAL (operator) ── SAFE ◀── protection gone ── FAULT ◀── protection, red limit
 *                                     ▲                                     (any state)
 *        mode SAFE (operator) ────────┘          mode MAINTENANCE ──▶ MANUAL
 * </pre>
 *
 * <p>{@link #transitions} holds the allowed moves: any state to SAFE, FAULT or MANUAL (the mode);
 * SAFE, FAULT and MANUAL to IDLE (mode NOMINAL); bank.CHARGE retargets BALANCING and READY too;
 * every NOMINAL state back to IDLE (bank.STOP, OPEN_CONTACTORS, bad readings, a charger that does
 * not deliver).
 */
public enum BankState {
  /** Mode SAFE and nothing holds it there: an operator may return the bank to NOMINAL. */
  SAFE,
  /** Mode SAFE and a protection or red limit still holds. */
  FAULT,
  /** NOMINAL with nothing to do: charger 0, contactors open, bleed off. */
  IDLE,
  /** Bulk charge: main contactor closed, the commanded current, tapering near the target. */
  CHARGING,
  /** Topping up: the highest cell held at the target, bleed switches levelling the others. */
  BALANCING,
  /**
   * Charged and balanced: the highest cell at the target (within a quarter of the balance band),
   * every cell within the band of it; charger 0, contactors open, ready for a shot.
   */
  READY,
  /** Discharge contactor closed until the highest cell is down to the target. */
  DISCHARGING,
  /** Mode MAINTENANCE: the engineer drives the charger and contactors; protections stay on. */
  MANUAL;

  /** The bank's state machine, not started (its first state is no move), telling {@code listener} of moves. */
  static Transitions<BankState, String> transitions(Consumer<? super Move<BankState, String>> listener) {
    return Transitions.<BankState, String>builder("bank", BankState.class)
        .allowFromAny(SAFE, FAULT, MANUAL)
        .allow(SAFE, IDLE)
        .allow(FAULT, IDLE)
        .allow(MANUAL, IDLE)
        .allow(IDLE, CHARGING, DISCHARGING)
        .allow(CHARGING, BALANCING, IDLE)
        .allow(BALANCING, READY, CHARGING, IDLE)
        .allow(READY, CHARGING, DISCHARGING, IDLE)
        .allow(DISCHARGING, IDLE)
        .listener(listener)
        .build();
  }

  /** The state family a bank mode calls for. */
  static boolean belongsTo(BankState state, Mode mode) {
    return switch (mode) {
      case SAFE -> state == SAFE || state == FAULT;
      case MAINTENANCE -> state == MANUAL;
      case NOMINAL -> state != SAFE && state != FAULT && state != MANUAL;
    };
  }

  /** Whether the charger is working towards a target. */
  boolean charging() {
    return this == CHARGING || this == BALANCING;
  }
}
