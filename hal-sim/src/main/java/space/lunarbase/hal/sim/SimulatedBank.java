package space.lunarbase.hal.sim;

import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import space.lunarbase.hal.bank.CellStringBank;
import space.lunarbase.hal.board.BankBoardWiring;
import space.lunarbase.hal.board.CellBankAssembly;
import space.lunarbase.hal.sim.CellStringPlant.Switch;
import space.lunarbase.hal.sim.gpio.SimPins;

/**
 * A whole bank in simulation: on {@link SimBuses} (our I2C provider and the SimPins digital input,
 * output and PWM providers), of its own ({@link #start}) or shared with a board ({@link #attach}),
 * a {@link SimIna226}, one {@link SimAds1115} per ADC address, one {@link SimMcp23017} per
 * expander, a {@link SimOneWireBus} folder, contactor coil and feedback pins and the charger PWM, all wired to
 * a {@link CellStringPlant} on a {@link SimClock}; on top, the real drivers and
 * {@link CellStringBank} built by {@link CellBankAssembly}, as on a board.
 *
 * <p>Each ADC input reads its cell's terminal voltage times the wiring's gain (the difference
 * amplifier); each bleed pin switches its cell's bleed resistor; each DS18B20 file shows its cell's
 * temperature as of the last {@link #refresh()} ({@link #advance(Duration)} does both). The ADS1115
 * conversion wait runs on a counter that never sleeps.
 */
public final class SimulatedBank implements AutoCloseable {


  /** The context this part started for itself, if any. */
  private final OwnedContext ownedContext;
  private final CellStringPlant plant;
  private final SimClock clock;
  private final SimIna226 ina226;
  private final List<SimAds1115> adcs;
  private final List<SimMcp23017> expanders;
  private final SimOneWireBus oneWire;
  private final SimPins pins;
  private final CellStringBank bank;

  private SimulatedBank(Context ownedContext, CellStringPlant plant, SimClock clock, SimIna226 ina226,
      List<SimAds1115> adcs,
      List<SimMcp23017> expanders, SimOneWireBus oneWire, SimPins pins, CellStringBank bank) {
    this.ownedContext = new OwnedContext(ownedContext, SimulatedBank.class);
    this.plant = plant;
    this.clock = clock;
    this.ina226 = ina226;
    this.adcs = adcs;
    this.expanders = expanders;
    this.oneWire = oneWire;
    this.pins = pins;
    this.bank = bank;
  }

  /**
   * Builds the plant and chips and starts the bank on them, on a context of its own.
   *
   * @param oneWireRoot a folder for the simulated 1-Wire devices (a temporary directory)
   * @throws IllegalArgumentException if the plant's cell count differs from the wiring's
   */
  public static SimulatedBank start(BankBoardWiring wiring, CellStringPlant.Spec spec, SimClock clock,
      Path oneWireRoot) {
    check(wiring, spec, clock);
    SimBuses buses = new SimBuses();
    Context pi4j = buses.newContext();
    try {
      return attach(buses, pi4j, wiring, spec, clock, oneWireRoot).owning(pi4j);
    } catch (RuntimeException e) {
      SimBuses.shutdownAfter(pi4j, e);
      throw e;
    }
  }

  /**
   * Builds the plant, attaches its chips and pins to a board's shared {@code buses} and starts the
   * bank on the board's context {@code pi4j} (built from those buses), which the board owns:
   * closing this bank leaves the context alone.
   *
   * @throws IllegalArgumentException if the plant's cell count differs from the wiring's
   */
  public static SimulatedBank attach(SimBuses buses, Context pi4j, BankBoardWiring wiring, CellStringPlant.Spec spec,
      SimClock clock, Path oneWireRoot) {
    check(wiring, spec, clock);
    CellStringPlant plant = new CellStringPlant(spec, clock);
    SimI2CProvider i2c = buses.i2c();
    SimIna226 ina226 = new SimIna226(plant::packVoltage, plant::current, wiring.pack().shuntOhms());
    i2c.attach(wiring.bus(), wiring.pack().address(), ina226);
    List<SimAds1115> adcs = new ArrayList<>();
    for (int i = 0; i < wiring.adcAddresses().size(); i++) {
      SimAds1115 adc = new SimAds1115(i + 1);
      i2c.attach(wiring.bus(), wiring.adcAddresses().get(i), adc);
      adcs.add(adc);
    }
    List<SimMcp23017> expanders = new ArrayList<>();
    for (int i = 0; i < wiring.expanderAddresses().size(); i++) {
      SimMcp23017 expander = new SimMcp23017();
      i2c.attach(wiring.bus(), wiring.expanderAddresses().get(i), expander);
      expanders.add(expander);
    }
    for (BankBoardWiring.Cell c : wiring.cells()) {
      int cell = c.cell();
      adcs.get(c.adc()).input(c.input(), () -> plant.cellVoltage(cell) * c.gain());
    }
    for (int i = 0; i < expanders.size(); i++) {
      int expander = i;
      expanders.get(i).onOutputs(levels -> {
        for (BankBoardWiring.Cell c : wiring.cells()) {
          if (c.expander() == expander) {
            plant.setBleed(c.cell(), (levels >>> c.pin() & 1) != 0);
          }
        }
      });
    }
    SimOneWireBus oneWire = new SimOneWireBus(oneWireRoot);
    for (BankBoardWiring.Thermometer t : wiring.thermometers()) {
      oneWire.add(t.id(), () -> plant.cellTemperatureC(t.cell()));
    }
    SimPins pins = buses.pins();
    wireContactor(pins, plant, Switch.MAIN, wiring.main());
    wireContactor(pins, plant, Switch.DISCHARGE, wiring.discharge());
    pins.onPwm(wiring.chargerPwm(), (address, state) -> plant.setChargerDuty(state.effectiveDuty()));
    CellStringBank bank = CellBankAssembly.build(pi4j, wiring, oneWire.root(), clock, new CounterTiming());
    return new SimulatedBank(null, plant, clock, ina226, List.copyOf(adcs), List.copyOf(expanders), oneWire, pins,
        bank);
  }

  private static void check(BankBoardWiring wiring, CellStringPlant.Spec spec, SimClock clock) {
    Objects.requireNonNull(wiring, "wiring");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(clock, "clock");
    if (spec.size() != wiring.cells().size()) {
      throw new IllegalArgumentException("plant has " + spec.size() + " cells, wiring " + wiring.id() + " has "
          + wiring.cells().size());
    }
  }

  private SimulatedBank owning(Context context) {
    return new SimulatedBank(context, plant, clock, ina226, adcs, expanders, oneWire, pins, bank);
  }

  private static void wireContactor(SimPins pins, CellStringPlant plant, Switch which,
      BankBoardWiring.ContactorPins wiring) {
    pins.onOutput(wiring.coil(), (pin, high) -> plant.setCoil(which, high));
    pins.driveInput(wiring.feedback(), () -> plant.contactsClosed(which) == wiring.feedbackHighWhenClosed());
  }

  /** Advances the clock, then refreshes the 1-Wire files and polls the input pins. */
  public void advance(Duration step) {
    clock.advance(step);
    refresh();
  }

  /** Rewrites the 1-Wire files from the plant and polls the input pins (fires edges). */
  public void refresh() {
    oneWire.refresh();
    pins.refresh();
  }

  /** The bank as the firmware uses it. */
  public CellStringBank bank() {
    return bank;
  }

  public CellStringPlant plant() {
    return plant;
  }

  public SimClock clock() {
    return clock;
  }

  /** The pack monitor chip, for fault injection. */
  public SimIna226 ina226() {
    return ina226;
  }

  /** ADC chip {@code index} (wiring order), for fault injection. */
  public SimAds1115 adc(int index) {
    return adcs.get(index);
  }

  /** Bleed expander {@code index} (wiring order), for fault injection. */
  public SimMcp23017 expander(int index) {
    return expanders.get(index);
  }

  public SimOneWireBus oneWire() {
    return oneWire;
  }

  public SimPins pins() {
    return pins;
  }

  /** Shuts the context down if this bank started it; a board's bank leaves that to the board. */
  @Override
  public void close() {
    ownedContext.close();
  }
}
