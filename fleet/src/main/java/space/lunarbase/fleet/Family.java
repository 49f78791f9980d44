package space.lunarbase.fleet;

import java.time.Instant;
import space.lunarbase.fsw.core.channel.ChannelSet;
import space.lunarbase.proto.v1.TelemetryFrame;

/**
 * What one simulated controller drives: its telemetry stream, its channels (with limits the
 * firmware's limit monitor checks, so level changes become real events) and its once-a-second
 * frame. Values are synthetic, smooth functions of time with a phase of their own per controller;
 * one channel of each family crosses its yellow limit for a while every two minutes.
 */
sealed interface Family extends ChannelSet permits TrackerFamily, BankFamily, RailFamily {

  /** {@code tracker}, {@code bank} or {@code rail}: the subsystem, as in {@code tlm/{subsystem}}. */
  String subsystem();

  /** Called every channel cycle (10 Hz) after {@link #refresh}: high-rate work between two frames. */
  default void fastCycle(Instant now) {}

  /** Fills the family's payload (and any sample batches) into a frame whose header is already set. */
  void frame(TelemetryFrame.Builder frame, Instant now);

  /** Seconds since the epoch as a double: the synthetic models' time. */
  static double seconds(Instant time) {
    return time.getEpochSecond() + time.getNano() / 1e9;
  }

  /** A smooth periodic value: {@code mean + amplitude * sin(2 pi (t + phase) / period)}. */
  static double wave(double t, double phase, double period, double mean, double amplitude) {
    return mean + amplitude * Math.sin(2 * Math.PI * (t + phase) / period);
  }
}
