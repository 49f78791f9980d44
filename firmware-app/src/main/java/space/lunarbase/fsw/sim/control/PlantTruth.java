package space.lunarbase.fsw.sim.control;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import space.lunarbase.fsw.config.BankSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.SimControlGuard;
import space.lunarbase.fsw.config.board.BoardDescriptions;
import space.lunarbase.fsw.sim.SimulatedHardware;
import space.lunarbase.hal.board.BankBoardWiring;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.hal.sim.SimulatedBank;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.hal.sim.SimulatedRail;
import space.lunarbase.hal.sim.SimulatedTracker;
import space.lunarbase.hal.sim.TrackerPlant;
import space.lunarbase.hal.tracker.Axis;

/**
 * What the simulated plants really are now, as opposed to what the firmware reads and reports:
 * the ground truth a rig compares telemetry with ({@code GET /sim/state}). Bank: contactor coils
 * (as the firmware drives them) and contacts (as they are), charger duty, pack, cells and
 * temperatures, stored energy. Tracker: axis angles, unwrapped azimuth, cable wraps, driver state.
 * Rail: sled position and speed, interlock inputs, arm and permit outputs.
 */
@Singleton
@SimulatedHardware
@Requires(property = SimControlGuard.ENABLED, value = "true")
public final class PlantTruth {

  private final SimulatedBoard board;
  private final BoardDescription description;

  public PlantTruth(SimFaults faults, BankSettings bank, HalSettings hal) {
    this.board = faults.board();
    this.description = BoardDescriptions.resolve(hal.board(), bank::wiring);
  }

  /** The snapshot, as nested maps of numbers, flags and texts. */
  public Map<String, Object> snapshot() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("simTime", board.clock().instant().toString());
    state.put("clockRate", board.clock().rate());
    board.bankSim().ifPresent(b -> state.put("bank", bank(b, description.bank().orElseThrow())));
    board.trackerSim().ifPresent(t -> state.put("tracker", tracker(t)));
    board.railSim().ifPresent(r -> state.put("rail", rail(r, description.rail().orElseThrow())));
    return state;
  }

  private static Map<String, Object> bank(SimulatedBank bank, BankBoardWiring wiring) {
    CellStringPlant plant = bank.plant();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mainCoil", bank.pins().outputHigh(wiring.main().coil()));
    m.put("mainClosed", plant.contactsClosed(CellStringPlant.Switch.MAIN));
    m.put("dischargeCoil", bank.pins().outputHigh(wiring.discharge().coil()));
    m.put("dischargeClosed", plant.contactsClosed(CellStringPlant.Switch.DISCHARGE));
    m.put("chargerDuty", bank.pins().pwm(wiring.chargerPwm()).effectiveDuty());
    m.put("packVoltageV", plant.packVoltage());
    m.put("currentA", plant.current());
    m.put("energyJ", plant.energyJ());
    List<Double> cells = new ArrayList<>();
    List<Double> temperatures = new ArrayList<>();
    List<Boolean> bleeding = new ArrayList<>();
    for (int i = 0; i < plant.cells(); i++) {
      cells.add(plant.cellVoltage(i));
      temperatures.add(plant.cellTemperatureC(i));
      bleeding.add(plant.bleeding(i));
    }
    m.put("cellVoltagesV", cells);
    m.put("cellTemperaturesC", temperatures);
    m.put("bleeding", bleeding);
    return m;
  }

  private static Map<String, Object> tracker(SimulatedTracker tracker) {
    TrackerPlant plant = tracker.plant();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("azimuthDeg", plant.angle(Axis.AZIMUTH));
    m.put("elevationDeg", plant.angle(Axis.ELEVATION));
    m.put("azimuthUnwrappedDeg", plant.azimuthUnwrappedDeg());
    m.put("cableWraps", plant.cableWraps());
    m.put("azimuthEnabled", plant.enabled(Axis.AZIMUTH));
    m.put("elevationEnabled", plant.enabled(Axis.ELEVATION));
    m.put("azimuthDriverFault", plant.driverFault(Axis.AZIMUTH));
    m.put("elevationDriverFault", plant.driverFault(Axis.ELEVATION));
    return m;
  }

  private static Map<String, Object> rail(SimulatedRail rail, RailWiring wiring) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sledPositionM", rail.plant().positionM());
    m.put("sledSpeedMps", finite(rail.plant().speedMps()));
    m.put("exitSpeedMps", finite(rail.plant().exitSpeedMps()));
    m.put("pendingTriggers", rail.plant().pendingTriggers());
    m.put("armOutput", rail.pins().outputHigh(wiring.armPin()));
    m.put("firePermitOutput", rail.pins().outputHigh(wiring.firePermitPin()));
    m.put("frontEndArmed", rail.frontEnd().armed());
    return m;
  }

  /** JSON has no NaN: a value not yet defined (no shot yet) is left out. */
  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
