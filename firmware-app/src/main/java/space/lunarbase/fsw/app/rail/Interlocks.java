package space.lunarbase.fsw.app.rail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import space.lunarbase.fsw.app.bank.ShotReadiness;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.railfe.FrontEndStatus;
import space.lunarbase.hal.rail.ChannelReading;
import space.lunarbase.hal.rail.DiscreteReading;
import space.lunarbase.hal.rail.FrontEndReading;
import space.lunarbase.hal.rail.LaunchRail;

/**
 * The rail's interlocks, each judged from a fresh reading; every failed one is reported with its
 * reason, none hides another. A reading that is not GOOD fails its interlock (a broken wire never
 * reads as "safe to fire").
 *
 * <ul>
 *   <li>bank: a bank on this controller, ready, holding at least the shot's required energy;
 *   <li>rail clear and breech latched: inputs asserted and GOOD;
 *   <li>temperatures: every rail thermistor GOOD and within {@code rail.temperature-min-c ..
 *       rail.temperature-max-c};
 *   <li>front-end: answering; before arming idle (not armed, not firing, no coil or thermistor
 *       fault, no FIFO overflow); once armed: armed with a valid table and no fault.
 * </ul>
 */
final class Interlocks {

  /**
   * What one check found.
   *
   * @param refusals one line per failed interlock; empty when all pass
   * @param bankEnergyJ what the bank reported available, if it was asked
   */
  record Check(List<String> refusals, OptionalDouble bankEnergyJ) {

    Check {
      refusals = List.copyOf(refusals);
    }

    boolean passed() {
      return refusals.isEmpty();
    }
  }

  private final LaunchRail rail;
  private final Optional<ShotReadiness> bank;
  private final Parameters parameters;

  Interlocks(LaunchRail rail, Optional<ShotReadiness> bank, Parameters parameters) {
    this.rail = rail;
    this.bank = bank;
    this.parameters = parameters;
  }

  /** Everything ARM needs for {@code plan}, the front-end idle. */
  Check beforeArming(ShotPlan plan) {
    List<String> refusals = new ArrayList<>();
    OptionalDouble energy = bank(plan, refusals);
    railInputs(refusals);
    temperatures(refusals);
    frontEnd(false, refusals);
    return new Check(refusals, energy);
  }

  /** Everything FIRE needs for {@code plan}, the front-end armed. */
  Check beforeFiring(ShotPlan plan) {
    List<String> refusals = new ArrayList<>();
    OptionalDouble energy = bank(plan, refusals);
    railInputs(refusals);
    temperatures(refusals);
    frontEnd(true, refusals);
    return new Check(refusals, energy);
  }

  /** What is watched every sequence cycle while ARMING or ARMED: the rail's inputs and the armed front-end. */
  Check whileArmed() {
    List<String> refusals = new ArrayList<>();
    railInputs(refusals);
    frontEnd(true, refusals);
    return new Check(refusals, OptionalDouble.empty());
  }

  /** The bank's available energy now, if this controller has a bank and it answers. */
  OptionalDouble bankEnergyJ() {
    if (bank.isEmpty()) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(bank.get().status().availableEnergyJ());
    } catch (RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  private OptionalDouble bank(ShotPlan plan, List<String> refusals) {
    if (bank.isEmpty()) {
      refusals.add("bank: no bank on this controller");
      return OptionalDouble.empty();
    }
    ShotReadiness.Status status;
    try {
      status = bank.get().status();
    } catch (RuntimeException e) {
      refusals.add("bank: no answer (" + e.getMessage() + ")");
      return OptionalDouble.empty();
    }
    if (!status.ready()) {
      refusals.add("bank: not ready: " + status.reason());
    } else if (status.availableEnergyJ() < plan.requiredEnergyJ()) {
      refusals.add(String.format(Locale.ROOT, "bank: holds %.0f J, the shot needs %.0f J", status.availableEnergyJ(),
          plan.requiredEnergyJ()));
    }
    return OptionalDouble.of(status.availableEnergyJ());
  }

  private void railInputs(List<String> refusals) {
    discrete(rail.railClear(), "rail clear", "rail not clear", refusals);
    discrete(rail.breechLatched(), "breech latched", "breech not latched", refusals);
  }

  private static void discrete(DiscreteReading reading, String name, String inactive, List<String> refusals) {
    if (reading.quality() != Quality.GOOD) {
      refusals.add(name + ": input failed: " + reading.fault());
    } else if (!reading.active()) {
      refusals.add(inactive);
    }
  }

  private void temperatures(List<String> refusals) {
    ChannelReading reading = rail.readTemperatures();
    if (reading.quality() != Quality.GOOD) {
      refusals.add("temperatures: " + reading.quality() + ": " + reading.fault());
      return;
    }
    double min = parameters.number(RailParameters.TEMPERATURE_MIN_C);
    double max = parameters.number(RailParameters.TEMPERATURE_MAX_C);
    for (int ch = 0; ch < reading.values().size(); ch++) {
      double c = reading.value(ch);
      if (!(c >= min && c <= max)) {
        refusals.add(String.format(Locale.ROOT, "temperatures: thermistor %d at %.1f degC outside %.1f..%.1f", ch, c,
            min, max));
      }
    }
  }

  private void frontEnd(boolean armed, List<String> refusals) {
    FrontEndReading reading = rail.readFrontEnd();
    if (reading.quality() != Quality.GOOD) {
      refusals.add("front-end: " + reading.fault());
      return;
    }
    FrontEndStatus s = reading.status();
    if (armed) {
      if (!s.armed()) {
        refusals.add("front-end: not armed");
      }
      if (!s.tableValid()) {
        refusals.add("front-end: no valid firing table");
      }
    } else {
      if (s.armed()) {
        refusals.add("front-end: already armed");
      }
      if (s.fifoOverflow()) {
        refusals.add("front-end: FIFO overflow latched");
      }
    }
    if (s.firing()) {
      refusals.add("front-end: still firing");
    }
    if (s.coilFault()) {
      refusals.add("front-end: coil fault latched");
    }
    if (s.thermistorFault()) {
      refusals.add("front-end: thermistor fault");
    }
  }
}
