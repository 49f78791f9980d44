package space.lunarbase.fsw.app.bank;

import java.util.List;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.BalancingReading;
import space.lunarbase.hal.bank.CellReading;
import space.lunarbase.hal.bank.ContactorReading;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.hal.bank.TemperatureReading;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CellTelemetry;
import space.lunarbase.proto.v1.ContactorTelemetry;

/**
 * Turns readings and bank management's status into {@link BankTelemetry}: the pack as sampled for
 * the frame; cells (index from 1 at the negative end, with their energy and whether their bleed
 * pin reads on), temperatures ({@code cell-<index>/<sensor>}), contactors, charge setpoint, energy,
 * state of charge, mode, state and its reason, target, available energy, readiness, spread and
 * the faults holding the bank SAFE from the status.
 */
final class BankFrames {

  private BankFrames() {}

  /** The pack's part, as every bank frame carries it. */
  static BankTelemetry.Builder pack(String bankId, PackReading reading) {
    return BankTelemetry.newBuilder()
        .setBankId(bankId)
        .setPackVoltageV(reading.voltageV())
        .setPackCurrentA(reading.currentA())
        .setPackPowerW(reading.powerW())
        .setShuntVoltageV(reading.shuntVoltageV())
        .setQuality(quality(reading.quality()))
        .setFault(reading.fault());
  }

  /** Adds bank management's view: cells, temperatures, contactors, energy, state, readiness. */
  static void management(BankTelemetry.Builder frame, BankStatus status, BalancingReading balancing,
                         double chargeSetpointA) {
    BankReadings r = status.readings();
    List<CellReading> cells = r.cells();
    for (int i = 0; i < cells.size(); i++) {
      CellReading c = cells.get(i);
      boolean bleeding = i < balancing.bleeding().size() && balancing.bleeding().get(i);
      frame.addCells(CellTelemetry.newBuilder()
          .setIndex(CellLabel.number(c.cell()))
          .setVoltageV(c.volts())
          .setBleeding(bleeding)
          .setQuality(quality(c.quality()))
          .setFault(c.fault())
          .setEnergyJ(i < status.energy().cellJ().size() ? status.energy().cellJ().get(i) : 0));
    }
    for (TemperatureReading t : r.temperatures()) {
      frame.addTemperatures(space.lunarbase.proto.v1.TemperatureReading.newBuilder()
          .setLocation("cell-" + CellLabel.number(t.cell()) + "/" + t.sensor())
          .setCelsius(t.celsius())
          .setQuality(quality(t.quality()))
          .setFault(t.fault()));
    }
    double spread = r.spreadV();
    frame.setMainContactor(contactor(r.main()))
        .setDischargeContactor(contactor(r.discharge()))
        .setChargeSetpointA(chargeSetpointA)
        .setEnergyJ(status.energy().totalJ())
        .setStateOfCharge(status.energy().stateOfCharge())
        .setMode(mode(status.mode()))
        .setState(state(status.state()))
        .setStateReason(status.reason())
        .setTargetCellV(Double.isNaN(status.targetCellV()) ? 0 : status.targetCellV())
        .setAvailableEnergyJ(status.energy().availableJ())
        .setReady(status.ready())
        .setCellSpreadV(Double.isNaN(spread) ? 0 : spread)
        .addAllFaults(status.faults());
  }

  static ContactorTelemetry contactor(ContactorReading reading) {
    ContactorTelemetry.State state = switch (reading.status()) {
      case OPEN -> ContactorTelemetry.State.STATE_OPEN;
      case CLOSED -> ContactorTelemetry.State.STATE_CLOSED;
      case OPENING -> ContactorTelemetry.State.STATE_OPENING;
      case CLOSING -> ContactorTelemetry.State.STATE_CLOSING;
      case WELDED -> ContactorTelemetry.State.STATE_WELDED;
      case FAILED_TO_CLOSE -> ContactorTelemetry.State.STATE_FAILED_TO_CLOSE;
      case UNKNOWN -> ContactorTelemetry.State.STATE_UNKNOWN;
    };
    return ContactorTelemetry.newBuilder().setState(state).setCommandedClosed(reading.commandedClosed()).build();
  }

  static BankTelemetry.State state(BankState state) {
    return switch (state) {
      case SAFE -> BankTelemetry.State.STATE_SAFE;
      case FAULT -> BankTelemetry.State.STATE_FAULT;
      case IDLE -> BankTelemetry.State.STATE_IDLE;
      case CHARGING -> BankTelemetry.State.STATE_CHARGING;
      case BALANCING -> BankTelemetry.State.STATE_BALANCING;
      case READY -> BankTelemetry.State.STATE_READY;
      case DISCHARGING -> BankTelemetry.State.STATE_DISCHARGING;
      case MANUAL -> BankTelemetry.State.STATE_MANUAL;
    };
  }

  static space.lunarbase.proto.v1.Mode mode(space.lunarbase.fsw.core.mode.Mode mode) {
    return switch (mode) {
      case SAFE -> space.lunarbase.proto.v1.Mode.MODE_SAFE;
      case NOMINAL -> space.lunarbase.proto.v1.Mode.MODE_NOMINAL;
      case MAINTENANCE -> space.lunarbase.proto.v1.Mode.MODE_MAINTENANCE;
    };
  }

  static space.lunarbase.proto.v1.Quality quality(Quality quality) {
    return switch (quality) {
      case GOOD -> space.lunarbase.proto.v1.Quality.QUALITY_GOOD;
      case STALE -> space.lunarbase.proto.v1.Quality.QUALITY_STALE;
      case OUT_OF_RANGE -> space.lunarbase.proto.v1.Quality.QUALITY_OUT_OF_RANGE;
      case FAILED -> space.lunarbase.proto.v1.Quality.QUALITY_FAILED;
    };
  }
}
