package space.lunarbase.hal.bank;

import com.pi4j.io.pwm.Pwm;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.contactor.Contactor;
import space.lunarbase.hal.device.ds18b20.Ds18b20;

/**
 * A {@link CellBank} over the drivers: the pack through a {@link MonitoredBank} (INA226), cell
 * voltages from a {@link CellVoltageSource}, DS18B20 temperatures, two {@link Contactor}s,
 * {@link BleedSwitches} and the charger's PWM. Times come from the injected clock only.
 *
 * <p>Plausibility: a cell below {@value #MIN_CELL_V} V or above 1.25 &times; its rated voltage is
 * OUT_OF_RANGE (an ADC at full scale lands there); a temperature per
 * {@link Ds18b20#plausibility(double)}.
 */
public final class CellStringBank implements CellBank {

  /** A cell reading below this (a small reverse voltage) is a measurement fault. */
  static final double MIN_CELL_V = -0.2;
  /** A cell reading above this many times its rated voltage is a measurement fault. */
  static final double MAX_CELL_FACTOR = 1.25;

  /** A temperature sensor and the cell it sits on. */
  public record Thermometer(Ds18b20 device, int cell) {
    public Thermometer {
      Objects.requireNonNull(device, "device");
    }
  }

  /**
   * The bank's parts, built and started by the caller.
   *
   * @param pack the pack monitor (its id is the bank's id)
   * @param cells the cell voltage source
   * @param thermometers the temperature sensors
   * @param main the main (charger) contactor
   * @param discharge the discharge contactor
   * @param bleed the balancing switches
   * @param charger the charger's current-setpoint PWM (0..100 % = 0..maxChargeCurrentA)
   * @param maxChargeCurrentA the charger's current at 100 % duty
   * @param cellRatedV rated voltage of a cell
   * @param cellCapacitanceF nominal capacitance of a cell
   */
  public record Parts(MonitoredBank pack, CellVoltageSource cells, List<Thermometer> thermometers, Contactor main,
      Contactor discharge, BleedSwitches bleed, Pwm charger, double maxChargeCurrentA, double cellRatedV,
      double cellCapacitanceF) {

    public Parts {
      Objects.requireNonNull(pack, "pack");
      Objects.requireNonNull(cells, "cells");
      thermometers = List.copyOf(thermometers);
      Objects.requireNonNull(main, "main");
      Objects.requireNonNull(discharge, "discharge");
      Objects.requireNonNull(bleed, "bleed");
      Objects.requireNonNull(charger, "charger");
      for (double v : new double[] {maxChargeCurrentA, cellRatedV, cellCapacitanceF}) {
        if (!(v > 0) || !Double.isFinite(v)) {
          throw new IllegalArgumentException("CellStringBank.Parts: maxChargeCurrentA, cellRatedV and"
              + " cellCapacitanceF must be positive and finite, was " + v);
        }
      }
    }
  }

  private final Parts parts;
  private final InstantSource clock;
  private final Map<BankContactor, Contactor> contactors = new EnumMap<>(BankContactor.class);
  private volatile double setpointA;

  public CellStringBank(Parts parts, InstantSource clock) {
    this.parts = Objects.requireNonNull(parts, "parts");
    this.clock = Objects.requireNonNull(clock, "clock");
    contactors.put(BankContactor.MAIN, parts.main());
    contactors.put(BankContactor.DISCHARGE, parts.discharge());
  }

  @Override
  public String id() {
    return parts.pack().id();
  }

  @Override
  public PackReading readPack() {
    return parts.pack().readPack();
  }

  @Override
  public int cellCount() {
    return parts.cells().cells();
  }

  @Override
  public List<CellReading> readCells() {
    List<CellReading> out = new ArrayList<>(cellCount());
    for (int cell = 0; cell < cellCount(); cell++) {
      Instant now = clock.instant();
      try {
        double volts = parts.cells().readVolts(cell);
        double max = MAX_CELL_FACTOR * parts.cellRatedV();
        if (volts < MIN_CELL_V || volts > max || !Double.isFinite(volts)) {
          out.add(new CellReading(cell, now, volts, Quality.OUT_OF_RANGE, String.format(
              "cell %d: %.4f V outside the plausible %.1f..%.3f V", cell, volts, MIN_CELL_V, max)));
        } else {
          out.add(new CellReading(cell, now, volts, Quality.GOOD, ""));
        }
      } catch (DeviceException e) {
        out.add(CellReading.failed(cell, now, "cell " + cell + ": " + e.getMessage()));
      } catch (RuntimeException e) {
        out.add(CellReading.failed(cell, now, "cell " + cell + ": " + e));
      }
    }
    return out;
  }

  @Override
  public List<TemperatureReading> readTemperatures() {
    List<TemperatureReading> out = new ArrayList<>();
    for (Thermometer t : parts.thermometers()) {
      Instant now = clock.instant();
      String sensor = t.device().id();
      try {
        double celsius = t.device().readCelsius();
        String fault = Ds18b20.plausibility(celsius);
        out.add(fault.isEmpty()
            ? new TemperatureReading(sensor, t.cell(), now, celsius, Quality.GOOD, "")
            : new TemperatureReading(sensor, t.cell(), now, celsius, Quality.OUT_OF_RANGE,
                t.device().name() + ": " + fault));
      } catch (DeviceException e) {
        out.add(new TemperatureReading(sensor, t.cell(), now, Double.NaN, Quality.FAILED, e.getMessage()));
      }
    }
    return out;
  }

  @Override
  public ContactorReading readContactor(BankContactor which) {
    Contactor contactor = contactors.get(which);
    Instant now = clock.instant();
    try {
      return new ContactorReading(which, now, contactor.commandedClosed(), ContactorStatus.of(contactor.state()),
          Quality.GOOD, "");
    } catch (DeviceException e) {
      return new ContactorReading(which, now, contactor.commandedClosed(), ContactorStatus.UNKNOWN, Quality.FAILED,
          e.getMessage());
    }
  }

  @Override
  public void closeContactor(BankContactor which) {
    contactors.get(which).close();
  }

  @Override
  public void openContactor(BankContactor which) {
    contactors.get(which).open();
  }

  @Override
  public BalancingReading readBalancing() {
    return parts.bleed().read(clock.instant());
  }

  @Override
  public void setBleed(int cell, boolean on) {
    if (cell < 0 || cell >= cellCount()) {
      throw new IllegalArgumentException("cell must be 0.." + (cellCount() - 1) + ", was " + cell);
    }
    parts.bleed().set(cell, on);
  }

  @Override
  public void setChargeCurrent(double amps) {
    if (!(amps >= 0) || amps > parts.maxChargeCurrentA()) {
      throw new IllegalArgumentException(String.format(
          "%s: charge current must be 0..%.1f A, was %s", id(), parts.maxChargeCurrentA(), amps));
    }
    int duty = (int) Math.round(100 * amps / parts.maxChargeCurrentA());
    try {
      if (duty == 0) {
        parts.charger().off();
      } else {
        parts.charger().on(duty);
      }
    } catch (RuntimeException e) {
      throw new DeviceException(id() + "/charger", "setting PWM duty " + duty + " % failed: " + e.getMessage(), e);
    }
    setpointA = duty * parts.maxChargeCurrentA() / 100;
  }

  @Override
  public double chargeCurrentSetpointA() {
    return setpointA;
  }

  @Override
  public double maxChargeCurrentA() {
    return parts.maxChargeCurrentA();
  }

  @Override
  public double cellCapacitanceF() {
    return parts.cellCapacitanceF();
  }
}
