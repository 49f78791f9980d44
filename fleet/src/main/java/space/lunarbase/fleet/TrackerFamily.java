package space.lunarbase.fleet;

import java.time.Instant;
import java.util.List;
import space.lunarbase.fsw.core.channel.Channel;
import space.lunarbase.fsw.core.channel.ChannelSpec;
import space.lunarbase.fsw.core.channel.Sample;
import space.lunarbase.proto.v1.Mode;
import space.lunarbase.proto.v1.PointingSource;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TrackerAxis;
import space.lunarbase.proto.v1.TrackerState;
import space.lunarbase.proto.v1.TrackerTelemetry;

/**
 * A solar-array tracker near the south pole: azimuth turning once a synodic month, elevation a
 * degree or two above the horizon, a small pointing error; its motor temperature goes yellow for
 * a while every two minutes.
 */
final class TrackerFamily implements Family {

  private static final double SYNODIC_MONTH_S = 29.530589 * 86_400;

  private final String id;
  private final double phase;
  private volatile double azimuth;
  private volatile double elevation;
  private volatile double error;
  private volatile double motorTemp;
  private final List<Channel> channels;

  TrackerFamily(String id, double phase) {
    this.id = id;
    this.phase = phase;
    this.channels = List.of(
        new Channel(ChannelSpec.of("tracker.azimuth_deg", "deg"), () -> Sample.good(azimuth)),
        new Channel(ChannelSpec.of("tracker.elevation_deg", "deg").yellow(-1, 10).red(-2, 15),
            () -> Sample.good(elevation)),
        new Channel(ChannelSpec.of("tracker.pointing_error_deg", "deg").yellow(0, 0.5).red(0, 1),
            () -> Sample.good(error)),
        new Channel(ChannelSpec.of("tracker.motor_temp", "degC").yellow(-40, 60).red(-50, 80).persistence(3),
            () -> Sample.good(motorTemp)));
  }

  @Override
  public String subsystem() {
    return "tracker";
  }

  @Override
  public List<Channel> channels() {
    return channels;
  }

  @Override
  public void refresh(Instant cycleTime) {
    double t = Family.seconds(cycleTime);
    azimuth = ((t + phase * 1000) / SYNODIC_MONTH_S * 360.0) % 360.0;
    elevation = Family.wave(t, phase, 3600, 1.5, 0.4);
    error = Math.abs(Family.wave(t, phase, 7, 0.05, 0.04));
    motorTemp = Family.wave(t, phase, 120, 45, 20);
  }

  @Override
  public void frame(TelemetryFrame.Builder frame, Instant now) {
    frame.setTracker(TrackerTelemetry.newBuilder()
        .setTrackerId(id)
        .setAzimuth(TrackerAxis.newBuilder().setAngleDeg(azimuth).setTargetDeg(azimuth)
            .setPositionSteps((long) (azimuth * 800)).setQuality(Quality.QUALITY_GOOD))
        .setElevation(TrackerAxis.newBuilder().setAngleDeg(elevation).setTargetDeg(elevation)
            .setPositionSteps((long) (elevation * 800)).setQuality(Quality.QUALITY_GOOD))
        .setPointingErrorDeg(error)
        .setMotorsEnabled(true)
        .setMode(Mode.MODE_NOMINAL)
        .setState(TrackerState.TRACKER_STATE_TRACKING)
        .setSunAzimuthDeg(azimuth)
        .setSunElevationDeg(elevation)
        .setPointingErrorSource(PointingSource.POINTING_SOURCE_EPHEMERIS));
  }
}
