package space.lunarbase.fleet;

import java.time.Instant;
import java.util.List;
import space.lunarbase.fsw.core.channel.Channel;
import space.lunarbase.fsw.core.channel.ChannelSpec;
import space.lunarbase.fsw.core.channel.Sample;
import space.lunarbase.proto.v1.Mode;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.RailTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TemperatureReading;

/**
 * A launch rail standing SAFE between shots: breech latched, rail clear, coil and breech
 * temperatures; its coil temperature goes yellow for a while every two minutes.
 */
final class RailFamily implements Family {

  private final String id;
  private final double phase;
  private volatile double coil;
  private volatile double breech;
  private final List<Channel> channels;

  RailFamily(String id, double phase) {
    this.id = id;
    this.phase = phase;
    this.channels = List.of(
        new Channel(ChannelSpec.of("rail.coil_temp_c", "degC").yellow(-40, 70).red(-50, 90).persistence(3),
            () -> Sample.good(coil)),
        new Channel(ChannelSpec.of("rail.breech_temp_c", "degC").yellow(-40, 60).red(-50, 80),
            () -> Sample.good(breech)),
        new Channel(ChannelSpec.of("rail.fifo_depth", "events"), () -> Sample.good(0)));
  }

  @Override
  public String subsystem() {
    return "rail";
  }

  @Override
  public List<Channel> channels() {
    return channels;
  }

  @Override
  public void refresh(Instant cycleTime) {
    double t = Family.seconds(cycleTime);
    coil = Family.wave(t, phase, 120, 55, 20);
    breech = Family.wave(t, phase, 900, 20, 5);
  }

  @Override
  public void frame(TelemetryFrame.Builder frame, Instant now) {
    frame.setRail(RailTelemetry.newBuilder()
        .setRailId(id)
        .setSequence(RailTelemetry.Sequence.SEQUENCE_SAFE)
        .setBreechLatched(true)
        .setRailClear(true)
        .addTemperatures(TemperatureReading.newBuilder().setLocation("coil").setCelsius(coil)
            .setQuality(Quality.QUALITY_GOOD))
        .addTemperatures(TemperatureReading.newBuilder().setLocation("breech").setCelsius(breech)
            .setQuality(Quality.QUALITY_GOOD))
        .setQuality(Quality.QUALITY_GOOD)
        .setMode(Mode.MODE_SAFE));
  }
}
