package space.lunarbase.hal.board;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.pwm.Pwm;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import space.lunarbase.hal.bank.AdsCellVoltages;
import space.lunarbase.hal.bank.BleedSwitches;
import space.lunarbase.hal.bank.CellStringBank;
import space.lunarbase.hal.bank.MonitoredBank;
import space.lunarbase.hal.device.ads1115.Ads1115;
import space.lunarbase.hal.device.contactor.Contactor;
import space.lunarbase.hal.device.ds18b20.Ds18b20;
import space.lunarbase.hal.device.ina226.Ina226;
import space.lunarbase.hal.device.mcp23017.Mcp23017;

/**
 * Builds a {@link CellStringBank} from a {@link BankBoardWiring} on whatever Pi4J context it is
 * given: the real linuxfs/gpiod providers on a board, our simulated ones on the rig. Creates every
 * handle, starts every chip (INA226, ADS1115s, MCP23017s: all bleed switches off), releases both
 * contactor coils and switches the charger PWM off. Device names are {@code <id>/ina226},
 * {@code <id>/adc<i>}, {@code <id>/bleed<i>}, {@code <id>/main}, {@code <id>/discharge},
 * {@code <id>/charger} and {@code <id>/t-<1-wire id>}.
 */
public final class CellBankAssembly {

  /** Cell voltages are converted at 860 SPS (1.2 ms each) on the +-4.096 V range. */
  static final Ads1115.DataRate CELL_RATE = Ads1115.DataRate.SPS_860;
  static final Ads1115.Range CELL_RANGE = Ads1115.Range.FS_4_096V;

  private CellBankAssembly() {}

  /**
   * @param oneWireRoot the 1-Wire devices folder ({@link Ds18b20#SYSFS_DEVICES} on a board)
   * @param timing the ADS1115's conversion wait ({@link Ads1115.Timing#system()} on a board)
   * @throws space.lunarbase.hal.DeviceException if a chip does not answer or does not keep its
   *     configuration
   */
  public static CellStringBank build(Context pi4j, BankBoardWiring w, Path oneWireRoot, InstantSource clock,
      Ads1115.Timing timing) {
    return build(pi4j, w, oneWireRoot, clock, timing, w.chargerPwm());
  }

  /**
   * As {@link #build(Context, BankBoardWiring, Path, InstantSource, Ads1115.Timing)}, with the
   * charger's Pi4J PWM address given apart from its BCM pin: Linux's PWM provider addresses a
   * channel of {@code pwmchip0} (GPIO 18 is channel 0), our simulated one the pin.
   */
  public static CellStringBank build(Context pi4j, BankBoardWiring w, Path oneWireRoot, InstantSource clock,
      Ads1115.Timing timing, int chargerPwmAddress) {
    Objects.requireNonNull(pi4j, "pi4j");
    Objects.requireNonNull(w, "wiring");
    String id = w.id();
    Ina226 monitor = new Ina226(i2c(pi4j, w, w.pack().monitorIoId(), w.pack().address()),
        new Ina226.Settings(w.pack().monitorName(), w.pack().shuntOhms(), w.pack().maxCurrentA()));
    monitor.start();

    List<Ads1115> adcs = new ArrayList<>();
    for (int i = 0; i < w.adcAddresses().size(); i++) {
      Ads1115 adc = new Ads1115(i2c(pi4j, w, id + "-adc" + i, w.adcAddresses().get(i)),
          new Ads1115.Settings(id + "/adc" + i, CELL_RATE), timing);
      adc.start();
      adcs.add(adc);
    }
    int[] masks = new int[w.expanderAddresses().size()];
    for (BankBoardWiring.Cell c : w.cells()) {
      masks[c.expander()] |= 1 << c.pin();
    }
    List<Mcp23017> expanders = new ArrayList<>();
    for (int i = 0; i < masks.length; i++) {
      Mcp23017 expander = new Mcp23017(i2c(pi4j, w, id + "-bleed" + i, w.expanderAddresses().get(i)),
          id + "/bleed" + i, masks[i] == 0 ? 0x0001 : masks[i]);
      expander.start();
      expanders.add(expander);
    }
    AdsCellVoltages.CellChannel[] channels = new AdsCellVoltages.CellChannel[w.cells().size()];
    BleedSwitches.Pin[] pins = new BleedSwitches.Pin[w.cells().size()];
    for (BankBoardWiring.Cell c : w.cells()) {
      channels[c.cell()] = new AdsCellVoltages.CellChannel(
          adcs.get(c.adc()).channel(Ads1115.Input.single(c.input()), CELL_RANGE), c.gain());
      pins[c.cell()] = new BleedSwitches.Pin(c.expander(), c.pin());
    }
    List<CellStringBank.Thermometer> thermometers = new ArrayList<>();
    for (BankBoardWiring.Thermometer t : w.thermometers()) {
      thermometers.add(new CellStringBank.Thermometer(new Ds18b20(oneWireRoot, t.id(), id + "/t-" + t.id()), t.cell()));
    }
    Contactor main = contactor(pi4j, clock, id, "main", w.main());
    Contactor discharge = contactor(pi4j, clock, id, "discharge", w.discharge());
    Pwm charger = pi4j.create(Pwm.newConfigBuilder(pi4j).id(id + "-charger").address(chargerPwmAddress)
        .frequency(w.chargerPwmHz()).initial(0).shutdown(0).build());
    charger.off();

    CellStringBank.Parts parts = new CellStringBank.Parts(new MonitoredBank(id, monitor, clock),
        new AdsCellVoltages(List.of(channels)), thermometers, main, discharge,
        new BleedSwitches(expanders, List.of(pins)), charger, w.chargerMaxCurrentA(), w.cellRatedV(),
        w.cellCapacitanceF());
    return new CellStringBank(parts, clock);
  }

  private static I2C i2c(Context pi4j, BankBoardWiring w, String ioId, int address) {
    return pi4j.create(I2C.newConfigBuilder(pi4j).id(ioId).bus(w.bus()).device(address).build());
  }

  private static Contactor contactor(Context pi4j, InstantSource clock, String id, String which,
      BankBoardWiring.ContactorPins pins) {
    DigitalOutput coil = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id + "-" + which + "-coil")
        .address(pins.coil()).initial(DigitalState.LOW).shutdown(DigitalState.LOW).build());
    DigitalInput feedback = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id + "-" + which + "-aux")
        .address(pins.feedback()).build());
    Contactor contactor = new Contactor(coil, feedback, clock,
        new Contactor.Settings(id + "/" + which, pins.settle(), 3, pins.feedbackHighWhenClosed()));
    contactor.open();
    return contactor;
  }
}
