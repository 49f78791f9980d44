package space.lunarbase.hal.board;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one capacitor bank with per-cell monitoring is wired to a controller board: every chip on
 * one I2C bus (the pack monitor's), the ADS1115s and MCP23017s by address, each cell's ADC input
 * and bleed pin, the DS18B20s by 1-Wire id, the contactors' coil and feedback pins and the
 * charger's PWM channel (BCM numbers). The constructor checks it all and names the first bad
 * entry in one IllegalArgumentException: an address used twice on the bus, a pin used twice, a
 * cell mapped twice or missing, an input or bleed pin shared by two cells.
 *
 * @param pack the pack monitor (INA226), whose id and bus are the bank's
 * @param adcAddresses the ADS1115s, 0x48..0x4B; a cell names one by index
 * @param expanderAddresses the MCP23017s, 0x20..0x27; a cell names one by index
 * @param cells one entry per cell 0..n-1, in any order
 * @param thermometers the DS18B20s
 * @param main the main contactor's pins
 * @param discharge the discharge contactor's pins
 * @param chargerPwm the charger setpoint's PWM channel
 * @param chargerPwmHz its frequency
 * @param chargerMaxCurrentA the charger's current at 100 % duty
 * @param cellRatedV rated voltage of a cell
 * @param cellCapacitanceF nominal capacitance of a cell
 */
public record BankBoardWiring(BankWiring pack, List<Integer> adcAddresses, List<Integer> expanderAddresses,
    List<Cell> cells, List<Thermometer> thermometers, ContactorPins main, ContactorPins discharge, int chargerPwm,
    int chargerPwmHz, double chargerMaxCurrentA, double cellRatedV, double cellCapacitanceF) {

  /**
   * One cell's measurement and bleed wiring.
   *
   * @param cell the cell, 0 at the bottom of the string
   * @param adc index into adcAddresses
   * @param input the ADS1115 single-ended input, 0..3
   * @param gain the cell's difference-amplifier gain (ADC volts per cell volt), calibrated
   * @param expander index into expanderAddresses
   * @param pin the MCP23017 pin, 0..15 (GPA0..GPB7)
   */
  public record Cell(int cell, int adc, int input, double gain, int expander, int pin) {}

  /** A DS18B20 ({@code 28-xxxxxxxxxxxx}) mounted on cell {@code cell}. */
  public record Thermometer(String id, int cell) {}

  /**
   * A contactor's pins (BCM numbers).
   *
   * @param coil the output that energises the coil (high = closed)
   * @param feedback the input on the auxiliary contact
   * @param feedbackHighWhenClosed the auxiliary contact's polarity
   * @param settle how long its contacts may take to follow a command
   */
  public record ContactorPins(int coil, int feedback, boolean feedbackHighWhenClosed, Duration settle) {}

  public BankBoardWiring {
    Objects.requireNonNull(pack, "BankBoardWiring.pack must be given");
    adcAddresses = List.copyOf(adcAddresses);
    expanderAddresses = List.copyOf(expanderAddresses);
    cells = List.copyOf(cells);
    thermometers = List.copyOf(thermometers);
    Objects.requireNonNull(main, "BankBoardWiring.main must be given");
    Objects.requireNonNull(discharge, "BankBoardWiring.discharge must be given");
    String where = "BankBoardWiring " + pack.id() + ": ";
    // fields are assigned after this body: the checks take the parameters
    checkAddresses(where, pack, adcAddresses, expanderAddresses);
    checkPins(where, main, discharge, chargerPwm);
    checkCells(where, cells, adcAddresses.size(), expanderAddresses.size());
    checkThermometers(where, thermometers, cells.size());
    if (chargerPwmHz < 1 || chargerPwmHz > 1_000_000) {
      throw new IllegalArgumentException(where + "chargerPwmHz must be 1..1000000, was " + chargerPwmHz);
    }
    for (double v : new double[] {chargerMaxCurrentA, cellRatedV, cellCapacitanceF}) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(where + "chargerMaxCurrentA, cellRatedV and cellCapacitanceF must be"
            + " positive and finite, was " + v);
      }
    }
  }

  /** The I2C bus of every chip. */
  public int bus() {
    return pack.bus();
  }

  public String id() {
    return pack.id();
  }

  private static void checkAddresses(String where, BankWiring pack, List<Integer> adcAddresses,
      List<Integer> expanderAddresses) {
    Map<Integer, String> used = new HashMap<>();
    claim(used, pack.address(), "ina226", where);
    for (int i = 0; i < adcAddresses.size(); i++) {
      int a = adcAddresses.get(i);
      if (a < 0x48 || a > 0x4B) {
        throw new IllegalArgumentException(String.format("%sadcAddresses[%d] must be an ADS1115 address"
            + " 0x48..0x4B, was 0x%02X", where, i, a));
      }
      claim(used, a, "adcAddresses[" + i + "]", where);
    }
    for (int i = 0; i < expanderAddresses.size(); i++) {
      int a = expanderAddresses.get(i);
      if (a < 0x20 || a > 0x27) {
        throw new IllegalArgumentException(String.format("%sexpanderAddresses[%d] must be an MCP23017 address"
            + " 0x20..0x27, was 0x%02X", where, i, a));
      }
      claim(used, a, "expanderAddresses[" + i + "]", where);
    }
  }

  private static void claim(Map<Integer, String> used, int address, String entry, String where) {
    String before = used.putIfAbsent(address, entry);
    if (before != null) {
      throw new IllegalArgumentException(String.format("%sI2C address 0x%02X used twice on the bus: %s and %s",
          where, address, before, entry));
    }
  }

  private static void checkPins(String where, ContactorPins main, ContactorPins discharge, int chargerPwm) {
    Map<Integer, String> used = new HashMap<>();
    pin(used, main.coil(), "main.coil", where);
    pin(used, main.feedback(), "main.feedback", where);
    pin(used, discharge.coil(), "discharge.coil", where);
    pin(used, discharge.feedback(), "discharge.feedback", where);
    pin(used, chargerPwm, "chargerPwm", where);
    for (ContactorPins c : List.of(main, discharge)) {
      Objects.requireNonNull(c.settle(), where + "contactor settle must be given");
    }
  }

  private static void pin(Map<Integer, String> used, int pin, String entry, String where) {
    if (pin < 0 || pin > 27) {
      throw new IllegalArgumentException(where + entry + " must be a BCM GPIO 0..27, was " + pin);
    }
    String before = used.putIfAbsent(pin, entry);
    if (before != null) {
      throw new IllegalArgumentException(where + "GPIO " + pin + " used twice: " + before + " and " + entry);
    }
  }

  private static void checkCells(String where, List<Cell> cells, int adcs, int expanders) {
    if (cells.isEmpty() || cells.size() > 64) {
      throw new IllegalArgumentException(where + "cells must list 1..64 cells, has " + cells.size());
    }
    Map<Integer, Integer> byCell = new HashMap<>();
    Map<String, Integer> inputs = new HashMap<>();
    Map<String, Integer> bleeds = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      String entry = "cells[" + i + "] (cell " + c.cell() + ")";
      if (c.cell() < 0 || c.cell() >= cells.size()) {
        throw new IllegalArgumentException(where + entry + ": cell must be 0.." + (cells.size() - 1));
      }
      Integer before = byCell.putIfAbsent(c.cell(), i);
      if (before != null) {
        throw new IllegalArgumentException(
            where + "cell " + c.cell() + " mapped twice: cells[" + before + "] and cells[" + i + "]");
      }
      if (c.adc() < 0 || c.adc() >= adcs || c.input() < 0 || c.input() > 3) {
        throw new IllegalArgumentException(where + entry + ": adc must index adcAddresses (0.."
            + (adcs - 1) + ") and input be 0..3, was adc " + c.adc() + " input " + c.input());
      }
      if (!(c.gain() > 0) || !Double.isFinite(c.gain())) {
        throw new IllegalArgumentException(where + entry + ": gain must be positive and finite, was " + c.gain());
      }
      if (c.expander() < 0 || c.expander() >= expanders || c.pin() < 0 || c.pin() > 15) {
        throw new IllegalArgumentException(where + entry + ": expander must index expanderAddresses (0.."
            + (expanders - 1) + ") and pin be 0..15, was expander " + c.expander() + " pin " + c.pin());
      }
      Integer sameInput = inputs.putIfAbsent(c.adc() + "/" + c.input(), c.cell());
      if (sameInput != null) {
        throw new IllegalArgumentException(where + entry + ": ADC " + c.adc() + " input " + c.input()
            + " already measures cell " + sameInput);
      }
      Integer samePin = bleeds.putIfAbsent(c.expander() + "/" + c.pin(), c.cell());
      if (samePin != null) {
        throw new IllegalArgumentException(where + entry + ": expander " + c.expander() + " pin " + c.pin()
            + " already bleeds cell " + samePin);
      }
    }
    // n distinct cells each in 0..n-1: none is missing
  }

  private static void checkThermometers(String where, List<Thermometer> thermometers, int cellCount) {
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < thermometers.size(); i++) {
      Thermometer t = thermometers.get(i);
      String entry = "thermometers[" + i + "]";
      Objects.requireNonNull(t.id(), where + entry + ".id must be given");
      if (!t.id().matches("28-[0-9a-f]{12}")) {
        throw new IllegalArgumentException(where + entry + ": id must be '28-' and 12 lowercase hex digits, was '"
            + t.id() + "'");
      }
      if (t.cell() < 0 || t.cell() >= cellCount) {
        throw new IllegalArgumentException(where + entry + ": cell must be 0.." + (cellCount - 1) + ", was "
            + t.cell());
      }
      Integer before = ids.putIfAbsent(t.id(), i);
      if (before != null) {
        throw new IllegalArgumentException(where + "1-Wire id " + t.id() + " used twice: thermometers[" + before
            + "] and " + entry);
      }
    }
  }

  /**
   * The demo wiring of {@code id} on bus 1: the INA226 at 0x40 with the given shunt and range, 12 cells on three
   * ADS1115s (0x48..0x4A, inputs 0..3 in order, gain 1) and one MCP23017 (0x20, GPA0..GPB3), one
   * DS18B20 per cell, main contactor coil GPIO 5 / feedback 6, discharge 13 / 19, charger PWM on
   * GPIO 18 at 1 kHz, 3000 F / 2.7 V cells.
   */
  public static BankBoardWiring demo(String id, double shuntOhms, double maxCurrentA, double chargerMaxCurrentA) {
    List<Cell> cells = new ArrayList<>();
    List<Thermometer> thermometers = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      cells.add(new Cell(k, k / 4, k % 4, 1.0, 0, k));
      thermometers.add(new Thermometer(String.format("28-00000000%04x", 0xa0 + k), k));
    }
    Duration settle = Duration.ofMillis(100);
    return new BankBoardWiring(new BankWiring(id, 1, 0x40, shuntOhms, maxCurrentA), List.of(0x48, 0x49, 0x4A),
        List.of(0x20), cells, thermometers, new ContactorPins(5, 6, true, settle),
        new ContactorPins(13, 19, true, settle), 18, 1000, chargerMaxCurrentA, 2.7, 3000);
  }
}
