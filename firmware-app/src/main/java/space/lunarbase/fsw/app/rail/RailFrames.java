package space.lunarbase.fsw.app.rail;

import java.time.Instant;
import java.util.OptionalDouble;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.rail.ChannelReading;
import space.lunarbase.hal.rail.DiscreteReading;
import space.lunarbase.hal.rail.FrontEndReading;
import space.lunarbase.hal.rail.LaunchRail;
import space.lunarbase.proto.v1.GateCrossing;
import space.lunarbase.proto.v1.RailTelemetry;
import space.lunarbase.proto.v1.ShotReport;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TemperatureReading;

/**
 * Composes the rail's telemetry frames and hands them to the outbox: {@code tlm/rail} (the
 * sequence, interlock inputs, outputs, temperatures, front-end) and {@code tlm/shot} (one
 * {@link ShotReport} naming the payload: plan, state, and once analysed the speeds and anomalies).
 */
final class RailFrames {

  /** The stream of the rail's state. */
  static final String RAIL_STREAM = "tlm/rail";
  /** The stream of shot reports. */
  static final String SHOT_STREAM = "tlm/shot";

  /** Everything a shot report says, at one moment. */
  record ShotSnapshot(ShotPlan plan, RailState state, long arm, OptionalDouble bankEnergyAtArmJ,
      OptionalDouble energyUsedJ, ShotAnalysis analysis) {}

  private final HeaderStamper headers;
  private final Outbox outbox;
  private final int qos;

  RailFrames(HeaderStamper headers, Outbox outbox, int qos) {
    this.headers = headers;
    this.outbox = outbox;
    this.qos = qos;
  }

  /** Reads the rail's inputs, outputs, temperatures and front-end and sends one {@code tlm/rail} frame. */
  void rail(LaunchRail rail, RailState state, Mode mode, long arm, String armToken, String payloadId, Instant time) {
    RailTelemetry.Builder t = RailTelemetry.newBuilder().setRailId(rail.id()).setSequence(state.wire())
        .setMode(mode(mode)).setArm(arm).setArmToken(armToken).setPayloadId(payloadId);
    StringBuilder faults = new StringBuilder();
    t.setBreechLatched(level(rail.breechLatched(), "breech-latched", faults));
    t.setRailClear(level(rail.railClear(), "rail-clear", faults));
    t.setArmOutput(level(rail.armOutput(), "arm output", faults));
    t.setFirePermitOutput(level(rail.firePermit(), "fire permit", faults));
    ChannelReading temperatures = rail.readTemperatures();
    for (int ch = 0; ch < temperatures.values().size(); ch++) {
      double c = temperatures.value(ch);
      Quality q = temperatures.quality() == Quality.OUT_OF_RANGE && Double.isFinite(c) ? Quality.GOOD
          : temperatures.quality();
      t.addTemperatures(TemperatureReading.newBuilder().setLocation("rail-" + ch).setCelsius(c)
          .setQuality(quality(q)).build());
    }
    note(faults, temperatures.quality(), temperatures.fault());
    FrontEndReading frontEnd = rail.readFrontEnd();
    t.setFifoOverflow(frontEnd.status().fifoOverflow());
    note(faults, frontEnd.quality(), frontEnd.fault());
    t.setQuality(quality(faults.isEmpty() ? Quality.GOOD : Quality.FAILED)).setFault(faults.toString());
    send(RAIL_STREAM, TelemetryFrame.newBuilder().setHeader(headers.next(RAIL_STREAM, time)).setRail(t).build());
  }

  /** Sends one {@code tlm/shot} frame. */
  void shot(String railId, ShotSnapshot shot, Instant time) {
    send(SHOT_STREAM, TelemetryFrame.newBuilder().setHeader(headers.next(SHOT_STREAM, time))
        .setShot(report(railId, shot)).build());
  }

  static ShotReport report(String railId, ShotSnapshot shot) {
    ShotPlan plan = shot.plan();
    ShotReport.Builder r = ShotReport.newBuilder().setRailId(railId).setPayloadId(plan.payloadId())
        .setPayloadMassKg(plan.massKg()).setTargetSpeedMps(plan.targetSpeedMps()).setArm(shot.arm())
        .setSequence(shot.state().wire()).setStages(plan.stages()).setPlannedExitSpeedMps(plan.plannedExitSpeedMps())
        .setRequiredEnergyJ(plan.requiredEnergyJ()).setEfficiency(plan.efficiency());
    shot.bankEnergyAtArmJ().ifPresent(r::setBankEnergyAtArmJ);
    shot.energyUsedJ().ifPresent(r::setEnergyUsedJ);
    ShotAnalysis analysis = shot.analysis();
    if (analysis != null) {
      r.setAnalyzed(true);
      analysis.crossings().forEach(c -> r.addGates(GateCrossing.newBuilder().setGate(c.gate())
          .setTimestampNs(c.timestampNs()).setPositionM(c.positionM())));
      r.addAllSegmentSpeedMps(analysis.segmentSpeedsMps());
      r.addAllStageSpeedMps(analysis.stageSpeedsMps());
      analysis.exitSpeedMps().ifPresent(r::setExitSpeedMps);
      for (ShotAnomaly a : analysis.anomalies()) {
        r.addAnomalies(a.kindName() + ": " + a.text());
        r.addAnomalyDetails(space.lunarbase.proto.v1.ShotAnomaly.newBuilder().setKind(a.kind()).setGate(a.gate())
            .setCoil(a.coil()).setText(a.text()));
      }
    }
    return r.build();
  }

  private void send(String stream, TelemetryFrame frame) {
    outbox.offer(new Outbound(stream, frame.toByteArray(), qos, false));
  }

  private static boolean level(DiscreteReading reading, String name, StringBuilder faults) {
    note(faults, reading.quality(), name + ": " + reading.fault());
    return reading.active();
  }

  private static void note(StringBuilder faults, Quality quality, String fault) {
    if (quality != Quality.GOOD) {
      faults.append(faults.isEmpty() ? "" : "; ").append(fault);
    }
  }

  private static space.lunarbase.proto.v1.Mode mode(Mode mode) {
    return switch (mode) {
      case SAFE -> space.lunarbase.proto.v1.Mode.MODE_SAFE;
      case NOMINAL -> space.lunarbase.proto.v1.Mode.MODE_NOMINAL;
      case MAINTENANCE -> space.lunarbase.proto.v1.Mode.MODE_MAINTENANCE;
    };
  }

  private static space.lunarbase.proto.v1.Quality quality(Quality quality) {
    return switch (quality) {
      case GOOD -> space.lunarbase.proto.v1.Quality.QUALITY_GOOD;
      case STALE -> space.lunarbase.proto.v1.Quality.QUALITY_STALE;
      case OUT_OF_RANGE -> space.lunarbase.proto.v1.Quality.QUALITY_OUT_OF_RANGE;
      case FAILED -> space.lunarbase.proto.v1.Quality.QUALITY_FAILED;
    };
  }
}
