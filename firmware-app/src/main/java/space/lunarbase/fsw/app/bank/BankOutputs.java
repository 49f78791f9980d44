package space.lunarbase.fsw.app.bank;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.bank.CellBank;

/**
 * Bank management's hands on the bank: the charger setpoint, the two contactors and the bleed
 * switches. A command the hardware refuses raises {@code BANK_OUTPUT_FAILED} (throttled) and the
 * next cycle tries again; it never throws. Remembers which bleed switches it has set, so it writes
 * only changes. Used under the manager's lock.
 */
final class BankOutputs {

  private final CellBank bank;
  private final EventLog events;
  private final boolean[] bleeding;
  private double chargerOrderA;

  BankOutputs(CellBank bank, EventLog events) {
    this.bank = bank;
    this.events = events;
    this.bleeding = new boolean[bank.cellCount()];
  }

  /** Charger 0, both contactors open, bleed off; each attempted even if another fails. */
  void allOff() {
    charger(0);
    open(BankContactor.MAIN);
    open(BankContactor.DISCHARGE);
    bleed(none());
  }

  /** The charge current last ordered and accepted by the hardware, amps (0 when off). */
  double chargerOrderA() {
    return chargerOrderA;
  }

  void charger(double amps) {
    double order = Math.min(amps, bank.maxChargeCurrentA());
    if (output("charger", () -> bank.setChargeCurrent(order))) {
      chargerOrderA = order;
    }
  }

  /** Closes {@code contactor} unless it is already commanded closed. */
  void close(BankContactor contactor, boolean commandedClosed) {
    if (!commandedClosed) {
      output(name(contactor), () -> bank.closeContactor(contactor));
    }
  }

  void open(BankContactor contactor) {
    output(name(contactor), () -> bank.openContactor(contactor));
  }

  /** Sets the bleed switches to {@code next} (index = cell), writing only the ones that change. */
  void bleed(boolean[] next) {
    for (int i = 0; i < next.length; i++) {
      if (next[i] != bleeding[i]) {
        int cell = i;
        boolean on = next[i];
        if (output("bleed of " + CellLabel.of(cell), () -> bank.setBleed(cell, on))) {
          bleeding[i] = on;
        }
      }
    }
  }

  /** Which cells bleed now, as commanded (a copy). */
  boolean[] bleeding() {
    return bleeding.clone();
  }

  /** No cell bleeding. */
  boolean[] none() {
    return new boolean[bleeding.length];
  }

  /** {@link #bleeding()} as a list. */
  List<Boolean> bleedingList() {
    Boolean[] out = new Boolean[bleeding.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = bleeding[i];
    }
    return List.of(out);
  }

  private boolean output(String what, Runnable action) {
    try {
      action.run();
      return true;
    } catch (RuntimeException e) {
      String error = e.getMessage() == null ? e.toString() : e.getMessage();
      events.emit(BankEvents.OUTPUT_FAILED, "bank: commanding the " + what + " failed: " + error,
          Map.of("output", what, "error", error));
      return false;
    }
  }

  private static String name(BankContactor contactor) {
    return contactor.name().toLowerCase(Locale.ROOT) + " contactor";
  }
}
