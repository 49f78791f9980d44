package space.lunarbase.fsw.app.rail;

import space.lunarbase.proto.v1.RailTelemetry;

/**
 * Where the launch-rail sequence is. SAFE is the only state a restart leaves the rail in; every
 * other state returns to SAFE by itself (window, timeout, analysis done) or by ABORT.
 */
public enum RailState {
  /** Front-end disarmed, arm output and fire permit low. A shot may be planned. */
  SAFE(RailTelemetry.Sequence.SEQUENCE_SAFE),
  /** Interlocks passed, firing table loaded, front-end and arm line armed; settling. */
  ARMING(RailTelemetry.Sequence.SEQUENCE_ARMING),
  /** Ready to fire, for a limited window. */
  ARMED(RailTelemetry.Sequence.SEQUENCE_ARMED),
  /** The front-end is firing the coils; its FIFO is drained as the sled flies. */
  FIRE(RailTelemetry.Sequence.SEQUENCE_FIRE),
  /** The shot is over; the last events are drained and the gate timestamps analysed. */
  ANALYZE(RailTelemetry.Sequence.SEQUENCE_ANALYZE);

  private final RailTelemetry.Sequence wire;

  RailState(RailTelemetry.Sequence wire) {
    this.wire = wire;
  }

  /** The state as telemetry carries it. */
  public RailTelemetry.Sequence wire() {
    return wire;
  }
}
