package space.lunarbase.fsw.sim.control;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.SimControlGuard;
import space.lunarbase.fsw.config.board.BoardDescriptions;
import space.lunarbase.fsw.sim.SimulatedHardware;
import space.lunarbase.hal.board.BankBoardWiring;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.hal.sim.SimAs5600;
import space.lunarbase.hal.sim.SimOneWireBus;
import space.lunarbase.hal.sim.SimulatedBank;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.hal.sim.SimulatedRail;
import space.lunarbase.hal.sim.SimulatedTracker;
import space.lunarbase.hal.sim.spi.SpiFault;
import space.lunarbase.hal.tracker.Axis;

/**
 * Every fault the simulation control channel can inject, declared here, each calling the fault
 * methods of the hal simulation of the board's families (a family the board lacks has none).
 * Faults stay until {@code clear} (or until the same fault is injected with {@code on=false}).
 *
 * <table>
 *   <caption>faults (parameters: i integer, n number, f flag true/false, c choice)</caption>
 *   <tr><th>fault</th><th>parameters</th><th>effect</th></tr>
 *   <tr><td>bank.temperature</td><td>sensor i, celsius n</td><td>that DS18B20 reads this temperature</td></tr>
 *   <tr><td>bank.thermometer</td><td>sensor i, fault c (NONE, CRC_ERROR, POWER_ON_RESET, VANISHED, STUCK)</td>
 *       <td>the sensor's 1-Wire file shows the fault</td></tr>
 *   <tr><td>bank.contactor-welded</td><td>contactor c (MAIN, DISCHARGE), on f</td><td>contacts stay closed</td></tr>
 *   <tr><td>bank.contactor-failed-open</td><td>contactor c, on f</td><td>contacts never close</td></tr>
 *   <tr><td>bank.charger-dead</td><td>on b</td><td>the charger delivers nothing whatever its setpoint</td></tr>
 *   <tr><td>bank.cell-esr</td><td>cell i, ohms n</td><td>the cell's series resistance</td></tr>
 *   <tr><td>bank.pack-monitor-nack</td><td>on f</td><td>the INA226 does not answer</td></tr>
 *   <tr><td>bank.pack-monitor-stuck</td><td>raw i (0..65535)</td><td>the INA226 bus-voltage register is frozen</td></tr>
 *   <tr><td>bank.cell-adc-nack / -never-ready</td><td>adc i, on f</td><td>a cell ADS1115 does not answer / never converts</td></tr>
 *   <tr><td>bank.cell-adc-noise</td><td>adc i, sigma-v n</td><td>Gaussian noise on its conversions</td></tr>
 *   <tr><td>bank.cell-adc-flipped-bit</td><td>adc i, bit i (-1 stops)</td><td>one bit of every conversion inverted</td></tr>
 *   <tr><td>bank.balancer-nack</td><td>expander i, on f</td><td>a bleed MCP23017 does not answer</td></tr>
 *   <tr><td>bank.balancer-brown-out</td><td>expander i</td><td>the expander resets to its power-on state</td></tr>
 *   <tr><td>tracker.encoder-nack / -stuck</td><td>axis c (AZIMUTH, ELEVATION), on f</td><td>an AS5600 does not answer / its angle freezes</td></tr>
 *   <tr><td>tracker.encoder-magnet</td><td>axis c, state c (GOOD, LOST, TOO_WEAK, TOO_STRONG)</td><td>the magnet status</td></tr>
 *   <tr><td>tracker.encoder-noise</td><td>axis c, lsb i</td><td>noise on the angle</td></tr>
 *   <tr><td>tracker.driver-fault</td><td>axis c, on f</td><td>the stepper driver reports a fault</td></tr>
 *   <tr><td>tracker.sun-sensor-nack</td><td>on f</td><td>the sun sensor's ADS1115 does not answer</td></tr>
 *   <tr><td>tracker.sun-sensor-noise</td><td>sigma-v n</td><td>noise on the quadrant voltages</td></tr>
 *   <tr><td>rail.dead-gate / rail.dead-coil</td><td>gate i / coil i</td><td>a gate never reports / a coil does not fire</td></tr>
 *   <tr><td>rail.noisy-gate</td><td>gate i, spurious i</td><td>extra pulses after each crossing</td></tr>
 *   <tr><td>rail.temperature</td><td>channel i (0..7), celsius n</td><td>a rail thermistor's temperature</td></tr>
 *   <tr><td>rail.breech-latched / rail.rail-clear</td><td>on f</td><td>the interlock inputs</td></tr>
 *   <tr><td>rail.fifo-depth</td><td>depth i (1..1024)</td><td>the front-end's timestamp FIFO shrinks</td></tr>
 *   <tr><td>rail.load-sled</td><td></td><td>an action: a new sled at rest at the breech (each shot uses one)</td></tr>
 *   <tr><td>rail.spi-bit-flips</td><td>count i</td><td>one bit flipped in the next count SPI answers</td></tr>
 *   <tr><td>gpio.stuck</td><td>pin i, level c (HIGH, LOW, RELEASED)</td><td>an input pin held at a level</td></tr>
 *   <tr><td>gpio.chatter</td><td>pin i, reads i</td><td>an input pin flips on each of its next reads</td></tr>
 *   <tr><td>clear</td><td></td><td>every fault above undone</td></tr>
 * </table>
 */
@Singleton
@SimulatedHardware
@Requires(property = SimControlGuard.ENABLED, value = "true")
public final class SimFaults {

  private static final Logger LOG = LoggerFactory.getLogger("sim-control");
  private static final List<String> SWITCHES = names(CellStringPlant.Switch.values());
  private static final List<String> AXES = names(Axis.values());
  private static final List<String> MAGNET = names(SimAs5600.Magnet.values());
  private static final List<String> ONE_WIRE = names(SimOneWireBus.Fault.values());
  private static final int RAIL_THERMISTORS = 8;

  private final SimulatedBoard board;
  private final Map<String, FaultSpec> faults = new LinkedHashMap<>();
  private final List<Runnable> clears = new ArrayList<>();

  public SimFaults(Board board, BankSettings bank, HalSettings hal) {
    if (!(board instanceof SimulatedBoard sim)) {
      throw new IllegalStateException("the simulation control channel needs a simulated board, not " + board.mode());
    }
    this.board = sim;
    BoardDescription description = BoardDescriptions.resolve(hal.board(), bank::wiring);
    sim.bankSim().ifPresent(b -> declareBank(b, description.bank().orElseThrow()));
    sim.trackerSim().ifPresent(this::declareTracker);
    sim.railSim().ifPresent(r -> declareRail(r, description.rail().orElseThrow()));
    declarePins();
    declare("clear", "undoes every injected fault", List.of(), args -> {
      clears.forEach(Runnable::run);
      return "every fault cleared";
    });
  }

  /** The board these faults act on. */
  public SimulatedBoard board() {
    return board;
  }

  /** Every fault, in declaration order. */
  public List<FaultSpec> catalogue() {
    return List.copyOf(faults.values());
  }

  /**
   * Injects fault {@code name} with the given parameter texts.
   *
   * @return what was done
   * @throws FaultRefused 404 for an unknown fault, 400 for bad parameters, 409 if the simulation
   *     refused it (its reason)
   */
  public String inject(String name, Map<String, String> given) {
    FaultSpec spec = faults.get(name);
    if (spec == null) {
      throw FaultRefused.notFound("no fault '" + name + "' on this board; GET /sim/faults lists them: "
          + String.join(", ", faults.keySet()));
    }
    FaultArgs args = spec.parse(given);
    String done;
    try {
      synchronized (this) {
        done = spec.action().apply(args);
        board.refresh();
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw FaultRefused.conflict(name + ": " + e.getMessage());
    }
    LOG.warn("fault injected: {} {} -> {}", name, args.values(), done);
    return done;
  }

  private void declare(String name, String summary, List<FaultParam> params, FaultSpec.Action action) {
    faults.put(name, new FaultSpec(name, summary, params, action));
  }

  private void declareBank(SimulatedBank bank, BankBoardWiring wiring) {
    CellStringPlant plant = bank.plant();
    int cells = plant.cells();
    List<BankBoardWiring.Thermometer> thermometers = wiring.thermometers();
    int adcs = wiring.adcAddresses().size();
    int expanders = wiring.expanderAddresses().size();
    FaultParam sensor = FaultParam.integer("sensor", 0, thermometers.size() - 1, "DS18B20 index, wiring order");
    FaultParam cell = FaultParam.integer("cell", 0, cells - 1, "cell index, 0 at the bottom");
    FaultParam contactor = FaultParam.choice("contactor", SWITCHES, "which contactor");
    FaultParam adc = FaultParam.integer("adc", 0, adcs - 1, "cell ADS1115 index, wiring order");
    FaultParam expander = FaultParam.integer("expander", 0, expanders - 1, "bleed MCP23017 index, wiring order");
    FaultParam on = FaultParam.flag("on", "true injects, false removes");

    declare("bank.temperature", "a DS18B20 reads the given temperature instead of its cell's",
        List.of(sensor, FaultParam.number("celsius", -55, 125, "degC")), args -> {
          BankBoardWiring.Thermometer t = thermometers.get(args.integer("sensor"));
          double celsius = args.number("celsius");
          bank.oneWire().add(t.id(), () -> celsius);
          return "sensor " + args.integer("sensor") + " (" + t.id() + ", cell " + t.cell() + ") reads " + celsius
              + " degC";
        });
    declare("bank.thermometer", "a DS18B20's 1-Wire file shows a fault",
        List.of(sensor, FaultParam.choice("fault", ONE_WIRE, "what the file shows")), args -> {
          BankBoardWiring.Thermometer t = thermometers.get(args.integer("sensor"));
          bank.oneWire().inject(t.id(), SimOneWireBus.Fault.valueOf(args.choice("fault")));
          return "sensor " + args.integer("sensor") + " (" + t.id() + ") shows " + args.choice("fault");
        });
    declare("bank.contactor-welded", "a contactor's contacts stay closed whatever its coil", List.of(contactor, on),
        args -> {
          plant.injectWelded(CellStringPlant.Switch.valueOf(args.choice("contactor")), args.flag("on"));
          return args.choice("contactor") + " contactor welded: " + args.flag("on");
        });
    declare("bank.contactor-failed-open", "a contactor's contacts never close", List.of(contactor, on), args -> {
      plant.injectFailedOpen(CellStringPlant.Switch.valueOf(args.choice("contactor")), args.flag("on"));
      return args.choice("contactor") + " contactor failed open: " + args.flag("on");
    });
    declare("bank.charger-dead", "the charger delivers nothing whatever its setpoint (a blown fuse, a dead supply)",
        List.of(on), args -> {
          plant.injectChargerDead(args.flag("on"));
          return "charger dead: " + args.flag("on");
        });
    declare("bank.cell-esr", "a cell's equivalent series resistance (ageing, a bad joint)",
        List.of(cell, FaultParam.number("ohms", 1e-5, 10, "ohm")), args -> {
          plant.injectEsr(args.integer("cell"), args.number("ohms"));
          return "cell " + args.integer("cell") + " ESR " + args.number("ohms") + " ohm";
        });
    declare("bank.pack-monitor-nack", "the INA226 pack monitor does not answer on I2C", List.of(on), args -> {
      bank.ina226().injectNack(args.flag("on"));
      return "INA226 NACK: " + args.flag("on");
    });
    declare("bank.pack-monitor-stuck", "the INA226 bus-voltage register is frozen at a raw value",
        List.of(FaultParam.integer("raw", 0, 0xFFFF, "register value, 1.25 mV per bit")), args -> {
          bank.ina226().injectStuckBusRegister(args.integer("raw"));
          return "INA226 bus register stuck at " + args.integer("raw");
        });
    declare("bank.cell-adc-nack", "a cell ADS1115 does not answer on I2C", List.of(adc, on), args -> {
      bank.adc(args.integer("adc")).injectNack(args.flag("on"));
      return "cell ADC " + args.integer("adc") + " NACK: " + args.flag("on");
    });
    declare("bank.cell-adc-never-ready", "a cell ADS1115 never finishes a conversion", List.of(adc, on), args -> {
      bank.adc(args.integer("adc")).injectNeverReady(args.flag("on"));
      return "cell ADC " + args.integer("adc") + " never ready: " + args.flag("on");
    });
    declare("bank.cell-adc-noise", "Gaussian noise on a cell ADS1115's conversions",
        List.of(adc, FaultParam.number("sigma-v", 0, 1, "V, 0 = none")), args -> {
          bank.adc(args.integer("adc")).injectNoise(args.number("sigma-v"));
          return "cell ADC " + args.integer("adc") + " noise " + args.number("sigma-v") + " V";
        });
    declare("bank.cell-adc-flipped-bit", "one bit of every conversion of a cell ADS1115 inverted",
        List.of(adc, FaultParam.integer("bit", -1, 15, "0..15, -1 stops")), args -> {
          bank.adc(args.integer("adc")).injectFlippedBit(args.integer("bit"));
          return "cell ADC " + args.integer("adc") + " flips bit " + args.integer("bit");
        });
    declare("bank.balancer-nack", "a bleed MCP23017 does not answer on I2C", List.of(expander, on), args -> {
      bank.expander(args.integer("expander")).injectNack(args.flag("on"));
      return "balancer expander " + args.integer("expander") + " NACK: " + args.flag("on");
    });
    declare("bank.balancer-brown-out", "a bleed MCP23017 resets to its power-on state (all inputs)",
        List.of(expander), args -> {
          bank.expander(args.integer("expander")).brownOut();
          return "balancer expander " + args.integer("expander") + " browned out";
        });

    clears.add(() -> {
      bank.ina226().clearFaults();
      for (int i = 0; i < adcs; i++) {
        bank.adc(i).clearFaults();
      }
      for (int i = 0; i < expanders; i++) {
        bank.expander(i).clearFaults();
      }
      for (CellStringPlant.Switch s : CellStringPlant.Switch.values()) {
        plant.injectWelded(s, false);
        plant.injectFailedOpen(s, false);
      }
      plant.injectChargerDead(false);
      for (int i = 0; i < cells; i++) {
        plant.injectEsr(i, plant.spec().cells().get(i).esrOhms());
      }
      for (BankBoardWiring.Thermometer t : thermometers) {
        bank.oneWire().add(t.id(), () -> plant.cellTemperatureC(t.cell()));
      }
    });
  }

  private void declareTracker(SimulatedTracker tracker) {
    FaultParam axis = FaultParam.choice("axis", AXES, "which axis");
    FaultParam on = FaultParam.flag("on", "true injects, false removes");
    Function<FaultArgs, SimAs5600> encoder = args -> tracker.encoder(Axis.valueOf(args.choice("axis")));
    declare("tracker.encoder-nack", "an axis's AS5600 encoder does not answer on I2C", List.of(axis, on), args -> {
      encoder.apply(args).injectNack(args.flag("on"));
      return args.choice("axis") + " encoder NACK: " + args.flag("on");
    });
    declare("tracker.encoder-stuck", "an axis's AS5600 angle freezes at its present value", List.of(axis, on),
        args -> {
          encoder.apply(args).injectStuckAngle(args.flag("on"));
          return args.choice("axis") + " encoder stuck: " + args.flag("on");
        });
    declare("tracker.encoder-magnet", "an axis's AS5600 magnet status",
        List.of(axis, FaultParam.choice("state", MAGNET, "magnet status")), args -> {
          encoder.apply(args).injectMagnet(SimAs5600.Magnet.valueOf(args.choice("state")));
          return args.choice("axis") + " encoder magnet " + args.choice("state");
        });
    declare("tracker.encoder-noise", "uniform noise on an axis's AS5600 angle",
        List.of(axis, FaultParam.integer("lsb", 0, 2048, "codes of 360/4096 deg, 0 = none")), args -> {
          encoder.apply(args).injectNoise(args.integer("lsb"));
          return args.choice("axis") + " encoder noise " + args.integer("lsb") + " LSB";
        });
    declare("tracker.driver-fault", "an axis's stepper driver reports a fault (and stops)", List.of(axis, on),
        args -> {
          tracker.plant().injectDriverFault(Axis.valueOf(args.choice("axis")), args.flag("on"));
          return args.choice("axis") + " stepper driver fault: " + args.flag("on");
        });
    declare("tracker.sun-sensor-nack", "the sun sensor's ADS1115 does not answer on I2C", List.of(on), args -> {
      tracker.sunAdc().injectNack(args.flag("on"));
      return "sun sensor ADC NACK: " + args.flag("on");
    });
    declare("tracker.sun-sensor-noise", "Gaussian noise on the sun sensor's quadrant voltages",
        List.of(FaultParam.number("sigma-v", 0, 1, "V, 0 = none")), args -> {
          tracker.sunAdc().injectNoise(args.number("sigma-v"));
          return "sun sensor noise " + args.number("sigma-v") + " V";
        });
    clears.add(() -> {
      for (Axis a : Axis.values()) {
        tracker.encoder(a).clearFaults();
        tracker.plant().injectDriverFault(a, false);
      }
      tracker.sunAdc().clearFaults();
    });
  }

  private void declareRail(SimulatedRail rail, RailWiring wiring) {
    int gates = wiring.gatePositionsM().size();
    int coils = wiring.coilPositionsM().size();
    double[] temperatures = new double[RAIL_THERMISTORS];
    Arrays.setAll(temperatures, rail.plant()::railTemperatureC);
    FaultParam on = FaultParam.flag("on", "the input's level: true = latched / clear");
    FaultParam gate = FaultParam.integer("gate", 0, gates - 1, "gate index along the rail");
    declare("rail.dead-gate", "a gate never reports", List.of(gate), args -> {
      rail.plant().injectDeadGate(args.integer("gate"));
      return "gate " + args.integer("gate") + " dead";
    });
    declare("rail.noisy-gate", "a gate follows each crossing with short spurious pulses",
        List.of(gate, FaultParam.integer("spurious", 0, 100, "pulses per crossing")), args -> {
          rail.plant().injectNoisyGate(args.integer("gate"), args.integer("spurious"));
          return "gate " + args.integer("gate") + " adds " + args.integer("spurious") + " spurious pulses";
        });
    declare("rail.dead-coil", "a coil is triggered but does not fire",
        List.of(FaultParam.integer("coil", 0, coils - 1, "coil stage index")), args -> {
          rail.plant().injectDeadCoil(args.integer("coil"));
          return "coil " + args.integer("coil") + " dead";
        });
    declare("rail.temperature", "a rail thermistor's temperature",
        List.of(FaultParam.integer("channel", 0, RAIL_THERMISTORS - 1, "thermistor channel"),
            FaultParam.number("celsius", -100, 300, "degC")), args -> {
          rail.plant().setRailTemperatureC(args.integer("channel"), args.number("celsius"));
          return "rail thermistor " + args.integer("channel") + " at " + args.number("celsius") + " degC";
        });
    declare("rail.breech-latched", "the breech-latched interlock input", List.of(on), args -> {
      rail.setBreechLatched(args.flag("on"));
      return "breech latched: " + args.flag("on");
    });
    declare("rail.rail-clear", "the rail-clear interlock input", List.of(on), args -> {
      rail.setRailClear(args.flag("on"));
      return "rail clear: " + args.flag("on");
    });
    declare("rail.fifo-depth", "the front-end's timestamp FIFO holds only this many records",
        List.of(FaultParam.integer("depth", 1, 1024, "records; 1024 restores it")), args -> {
          rail.frontEnd().injectFifoDepth(args.integer("depth"));
          return "front-end FIFO depth " + args.integer("depth");
        });
    declare("rail.load-sled", "an action, not a fault: a new sled at rest at the breech, for the next shot",
        List.of(), args -> {
          rail.plant().loadSled();
          return "new sled loaded at the breech";
        });
    declare("rail.spi-bit-flips", "one bit flipped in each of the front-end's next SPI answers",
        List.of(FaultParam.integer("count", 0, 100_000, "answers")), args -> {
          rail.spi().injectFault(wiring.spiBus(), wiring.chipSelect(), SpiFault.flipBitInNext(args.integer("count")));
          return "next " + args.integer("count") + " SPI answers get a flipped bit";
        });
    clears.add(() -> {
      rail.plant().clearFaults();
      for (int c = 0; c < RAIL_THERMISTORS; c++) {
        rail.plant().setRailTemperatureC(c, temperatures[c]);
      }
      rail.setBreechLatched(true);
      rail.setRailClear(true);
      rail.frontEnd().injectFifoDepth(1024);
      rail.spi().clearFault(wiring.spiBus(), wiring.chipSelect());
    });
  }

  private void declarePins() {
    FaultParam pin = FaultParam.integer("pin", 0, 63, "BCM GPIO number of an input");
    declare("gpio.stuck", "an input pin reads a fixed level whatever drives it",
        List.of(pin, FaultParam.choice("level", List.of("HIGH", "LOW", "RELEASED"), "RELEASED ends it")), args -> {
          String level = args.choice("level");
          board.buses().pins().injectStuck(args.integer("pin"), level.equals("RELEASED") ? null : level.equals("HIGH"));
          return "GPIO " + args.integer("pin") + " " + (level.equals("RELEASED") ? "released" : "stuck " + level);
        });
    declare("gpio.chatter", "an input pin flips level on each of its next reads",
        List.of(pin, FaultParam.integer("reads", 0, 1_000_000, "reads that chatter")), args -> {
          board.buses().pins().injectChatter(args.integer("pin"), args.integer("reads"));
          return "GPIO " + args.integer("pin") + " chatters for " + args.integer("reads") + " reads";
        });
    clears.add(() -> board.buses().pins().clearAllFaults());
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
