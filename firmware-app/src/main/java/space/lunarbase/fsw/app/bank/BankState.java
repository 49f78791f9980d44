package space.lunarbase.fsw.app.bank;

import space.lunarbase.fsw.core.mode.Mode;

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
