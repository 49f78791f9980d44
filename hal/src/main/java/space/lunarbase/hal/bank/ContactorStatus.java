package space.lunarbase.hal.bank;

import space.lunarbase.hal.device.contactor.Contactor;

/** A contactor's judged state as the bank reports it; UNKNOWN when its feedback could not be read. */
public enum ContactorStatus {
  OPEN, CLOSED, OPENING, CLOSING, WELDED, FAILED_TO_CLOSE, UNKNOWN;

  static ContactorStatus of(Contactor.State state) {
    return valueOf(state.name());
  }
}
