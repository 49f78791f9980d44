package space.lunarbase.fsw.app.tracker;

import jakarta.inject.Singleton;
import space.lunarbase.fsw.config.StoreAndForwardSettings;
import space.lunarbase.fsw.config.TrackerSettings;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.tracker.AngleReading;
import space.lunarbase.hal.tracker.SolarTracker;
import space.lunarbase.hal.tracker.SunSensorReading;
import space.lunarbase.proto.v1.SunSensorTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TrackerAxis;
import space.lunarbase.proto.v1.TrackerTelemetry;

/**
 * Publishes the controller's last cycle ({@link TrackerStatus}) as a {@link TrackerTelemetry} frame
 * on {@code tlm/tracker}, once per {@code lunarbase.tracker.telemetry-period} (a task registered by
 * {@link TrackerTasks}). NaN values (no reading, no target) are sent as 0 with the reading's
 * quality or the state saying why.
 */
@Singleton
public final class TrackerFrames {

  /** The stream tracker frames go to. */
  public static final String STREAM = "tlm/tracker";

  private final TrackerController controller;
  private final HeaderStamper headers;
  private final Outbox outbox;
  private final int qos;
  private final String trackerId;
  private final double sensorFieldDeg;

  public TrackerFrames(TrackerController controller, HeaderStamper headers, Outbox outbox,
      StoreAndForwardSettings storeAndForward, Board board, TrackerSettings settings) {
    this.controller = controller;
    this.headers = headers;
    this.outbox = outbox;
    this.qos = storeAndForward.telemetryQos();
    this.trackerId = board.tracker().map(SolarTracker::id).orElse("");
    this.sensorFieldDeg = settings.sunSensorFieldDeg();
  }

  /** Offers a frame of the last cycle to the outbox (nothing before the first cycle). */
  public void publish() {
    controller.status().ifPresent(s -> {
      TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(headers.next(STREAM, s.time()))
          .setTracker(toProto(trackerId, s, sensorFieldDeg)).build();
      outbox.offer(new Outbound(STREAM, frame.toByteArray(), qos, false));
    });
  }

  /** The frame's payload; the sensor's normalised offsets become degrees with {@code sensorFieldDeg}. */
  static TrackerTelemetry toProto(String trackerId, TrackerStatus s, double sensorFieldDeg) {
    double wrap = s.wrapDeg();
    return TrackerTelemetry.newBuilder()
        .setTrackerId(trackerId)
        .setAzimuth(axis(s.azimuth(), s.targetAzimuthDeg(), s.azimuthSteps())
            .setWrapTurns(Double.isNaN(wrap) ? 0 : (int) Math.floor(wrap / 360)))
        .setElevation(axis(s.elevation(), s.targetElevationDeg(), s.elevationSteps())
            .setLimitLow(s.limits().elevationLowerClosed()).setLimitHigh(s.limits().elevationUpperClosed()))
        .setSunSensor(sensor(s.sensor(), sensorFieldDeg))
        .setPointingErrorDeg(finite(s.pointingErrorDeg()))
        .setMotorsEnabled(s.motorsEnabled())
        .setMode(switch (s.mode()) {
          case SAFE -> space.lunarbase.proto.v1.Mode.MODE_SAFE;
          case NOMINAL -> space.lunarbase.proto.v1.Mode.MODE_NOMINAL;
          case MAINTENANCE -> space.lunarbase.proto.v1.Mode.MODE_MAINTENANCE;
        })
        .setState(state(s.state()))
        .setStateCause(s.cause())
        .setWrapDeg(finite(wrap))
        .setSunAzimuthDeg(s.sunAzimuthDeg())
        .setSunElevationDeg(s.sunElevationDeg())
        .setPointingErrorSource(switch (s.pointingSource()) {
          case SUN_SENSOR -> space.lunarbase.proto.v1.PointingSource.POINTING_SOURCE_SUN_SENSOR;
          case EPHEMERIS -> space.lunarbase.proto.v1.PointingSource.POINTING_SOURCE_EPHEMERIS;
          case NONE -> space.lunarbase.proto.v1.PointingSource.POINTING_SOURCE_NONE;
        })
        .setSunSensorInLoop(s.sensorInLoop())
        .setCorrectionAzDeg(s.correctionAzimuthDeg())
        .setCorrectionElDeg(s.correctionElevationDeg())
        .build();
  }

  private static space.lunarbase.proto.v1.TrackerState state(TrackerState state) {
    return switch (state) {
      case IDLE -> space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_IDLE;
      case ACQUIRING -> space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_ACQUIRING;
      case TRACKING -> space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_TRACKING;
      case UNWINDING -> space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_UNWINDING;
      case STOWING -> space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_STOWING;
      case STOWED -> space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_STOWED;
      case MANUAL -> space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_MANUAL;
      case FAULT -> space.lunarbase.proto.v1.TrackerState.TRACKER_STATE_FAULT;
    };
  }

  private static TrackerAxis.Builder axis(AngleReading reading, double targetDeg, long steps) {
    return TrackerAxis.newBuilder().setAngleDeg(finite(reading.degrees())).setTargetDeg(finite(targetDeg))
        .setPositionSteps(steps).setQuality(quality(reading.quality())).setFault(reading.fault());
  }

  private static SunSensorTelemetry sensor(SunSensorReading r, double fieldDeg) {
    return SunSensorTelemetry.newBuilder()
        .addQuadrantV(finite(r.upperLeftV())).addQuadrantV(finite(r.upperRightV()))
        .addQuadrantV(finite(r.lowerLeftV())).addQuadrantV(finite(r.lowerRightV()))
        .setOffsetAzDeg(finite(r.azimuthOffset() * fieldDeg))
        .setOffsetElDeg(finite(r.elevationOffset() * fieldDeg))
        .setValid(r.valid()).setQuality(quality(r.quality())).setFault(r.fault()).build();
  }

  private static double finite(double v) {
    return Double.isFinite(v) ? v : 0;
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
