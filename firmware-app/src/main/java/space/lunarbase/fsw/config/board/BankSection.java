package space.lunarbase.fsw.config.board;

import java.util.List;
import space.lunarbase.hal.board.BankBoardWiring;
import space.lunarbase.hal.board.BankBoardWiring.Cell;
import space.lunarbase.hal.board.BankBoardWiring.ContactorPins;
import space.lunarbase.hal.board.BankBoardWiring.Thermometer;
import space.lunarbase.hal.board.BankWiring;

/** The {@code bank:} section of a board file, one key per {@link BankBoardWiring} component. */
final class BankSection {

  static final List<String> KEYS = List.of("pack", "adc-addresses", "expander-addresses", "cells", "thermometers",
      "main", "discharge", "charger-pwm", "charger-pwm-hz", "charger-max-current-a", "cell-rated-v",
      "cell-capacitance-f");
  static final List<String> PACK = List.of("id", "bus", "address", "shunt-ohms", "max-current-a");
  static final List<String> CELL = List.of("cell", "adc", "input", "gain", "expander", "pin");
  static final List<String> THERMOMETER = List.of("id", "cell");
  static final List<String> CONTACTOR = List.of("coil", "feedback", "feedback-high-when-closed", "settle");

  private BankSection() {}

  static BankBoardWiring read(Entry entry) {
    Section s = entry.section(KEYS);
    BankWiring pack = pack(s.get("pack"));
    List<Integer> adcs = s.get("adc-addresses").list(Entry::whole);
    List<Integer> expanders = s.get("expander-addresses").list(Entry::whole);
    List<Cell> cells = s.get("cells").list(BankSection::cell);
    List<Thermometer> thermometers = s.get("thermometers").list(BankSection::thermometer);
    ContactorPins main = contactor(s.get("main"));
    ContactorPins discharge = contactor(s.get("discharge"));
    int chargerPwm = s.get("charger-pwm").whole();
    int chargerPwmHz = s.get("charger-pwm-hz").whole();
    double chargerMaxCurrentA = s.get("charger-max-current-a").number();
    double cellRatedV = s.get("cell-rated-v").number();
    double cellCapacitanceF = s.get("cell-capacitance-f").number();
    return entry.build(() -> new BankBoardWiring(pack, adcs, expanders, cells, thermometers, main, discharge,
        chargerPwm, chargerPwmHz, chargerMaxCurrentA, cellRatedV, cellCapacitanceF));
  }

  private static BankWiring pack(Entry entry) {
    Section s = entry.section(PACK);
    String id = s.get("id").text();
    int bus = s.get("bus").whole();
    int address = s.get("address").whole();
    double shuntOhms = s.get("shunt-ohms").number();
    double maxCurrentA = s.get("max-current-a").number();
    return entry.build(() -> new BankWiring(id, bus, address, shuntOhms, maxCurrentA));
  }

  private static Cell cell(Entry entry) {
    Section s = entry.section(CELL);
    return new Cell(s.get("cell").whole(), s.get("adc").whole(), s.get("input").whole(), s.get("gain").number(),
        s.get("expander").whole(), s.get("pin").whole());
  }

  private static Thermometer thermometer(Entry entry) {
    Section s = entry.section(THERMOMETER);
    return new Thermometer(s.get("id").text(), s.get("cell").whole());
  }

  private static ContactorPins contactor(Entry entry) {
    Section s = entry.section(CONTACTOR);
    return new ContactorPins(s.get("coil").whole(), s.get("feedback").whole(),
        s.get("feedback-high-when-closed").flag(), s.get("settle").duration());
  }
}
