package space.lunarbase.hal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.board.BankBoardWiring.Cell;
import space.lunarbase.hal.board.BankBoardWiring.ContactorPins;
import space.lunarbase.hal.board.BankBoardWiring.Thermometer;

class BankBoardWiringTest {

  final BankBoardWiring demo = BankBoardWiring.demo("bank-a", 0.0005, 100, 100);

  BankBoardWiring with(List<Integer> adcs, List<Integer> expanders, List<Cell> cells, List<Thermometer> thermometers,
      ContactorPins main, int pwm) {
    return new BankBoardWiring(demo.pack(), adcs, expanders, cells, thermometers, main, demo.discharge(), pwm,
        demo.chargerPwmHz(), demo.chargerMaxCurrentA(), demo.cellRatedV(), demo.cellCapacitanceF());
  }

  BankBoardWiring withCells(UnaryOperator<List<Cell>> edit) {
    return with(demo.adcAddresses(), demo.expanderAddresses(), edit.apply(new ArrayList<>(demo.cells())),
        demo.thermometers(), demo.main(), demo.chargerPwm());
  }

  @Test
  void demoIsValid() {
    assertThat(demo.cells()).hasSize(12);
    assertThat(demo.bus()).isEqualTo(1);
    assertThat(demo.id()).isEqualTo("bank-a");
  }

  @Test
  void addressUsedTwiceOnTheBusIsNamed() {
    assertThatThrownBy(() -> with(List.of(0x48, 0x48, 0x4A), demo.expanderAddresses(), demo.cells(),
        demo.thermometers(), demo.main(), demo.chargerPwm()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BankBoardWiring bank-a: I2C address 0x48 used twice on the bus: adcAddresses[0] and adcAddresses[1]");
    assertThatThrownBy(() -> with(List.of(0x48, 0x49, 0x4C), demo.expanderAddresses(), demo.cells(),
        demo.thermometers(), demo.main(), demo.chargerPwm()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adcAddresses[2]").hasMessageContaining("0x4C");
  }

  @Test
  void pinUsedTwiceIsNamed() {
    assertThatThrownBy(() -> with(demo.adcAddresses(), demo.expanderAddresses(), demo.cells(), demo.thermometers(),
        demo.main(), demo.discharge().coil()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BankBoardWiring bank-a: GPIO 13 used twice: discharge.coil and chargerPwm");
    assertThatThrownBy(() -> with(demo.adcAddresses(), demo.expanderAddresses(), demo.cells(), demo.thermometers(),
        new ContactorPins(5, 5, true, demo.main().settle()), demo.chargerPwm()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("main.coil and main.feedback");
  }

  @Test
  void cellMappedTwiceOrMissingIsNamed() {
    assertThatThrownBy(() -> withCells(cells -> {
      cells.set(7, new Cell(3, 1, 3, 1.0, 0, 7));
      return cells;
    })).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("BankBoardWiring bank-a: cell 3 mapped twice: cells[3] and cells[7]");
    // with 12 entries, dropping one and renumbering leaves a cell out of 0..10
    assertThatThrownBy(() -> withCells(cells -> {
      cells.remove(11);
      cells.set(5, new Cell(11, 1, 1, 1.0, 0, 5));
      return cells;
    })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cells[5] (cell 11)")
        .hasMessageContaining("0..10");
  }

  @Test
  void sharedAdcInputOrBleedPinIsNamed() {
    assertThatThrownBy(() -> withCells(cells -> {
      cells.set(5, new Cell(5, 1, 0, 1.0, 0, 5));
      return cells;
    })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ADC 1 input 0 already measures cell 4");
    assertThatThrownBy(() -> withCells(cells -> {
      cells.set(5, new Cell(5, 1, 1, 1.0, 0, 4));
      return cells;
    })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pin 4 already bleeds cell 4");
    assertThatThrownBy(() -> withCells(cells -> {
      cells.set(5, new Cell(5, 3, 1, 1.0, 0, 5));
      return cells;
    })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adc must index adcAddresses (0..2)");
  }

  @Test
  void thermometersAreChecked() {
    List<Thermometer> dup = new ArrayList<>(demo.thermometers());
    dup.set(1, dup.get(0));
    assertThatThrownBy(() -> with(demo.adcAddresses(), demo.expanderAddresses(), demo.cells(), dup, demo.main(),
        demo.chargerPwm())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("used twice: thermometers[0] and thermometers[1]");
    assertThatThrownBy(() -> with(demo.adcAddresses(), demo.expanderAddresses(), demo.cells(),
        List.of(new Thermometer("28-00000000000a", 12)), demo.main(), demo.chargerPwm()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thermometers[0]: cell must be 0..11");
  }
}
