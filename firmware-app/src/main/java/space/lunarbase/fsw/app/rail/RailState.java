package space.lunarbase.fsw.app.rail;

import java.util.function.Consumer;
import space.lunarbase.fsw.core.state.Move;
import space.lunarbase.fsw.core.state.Transitions;
import space.lunarbase.proto.v1.RailTelemetry;

/**
 * Where the launch-rail sequence is. SAFE is the only state a restart leaves the rail in; every
 * other state returns to SAFE by itself (window, timeout, analysis done) or by ABORT. The sequence
 * goes one way, SAFE, ARMING, ARMED, FIRE, ANALYZE, and any state may return to SAFE
 * ({@link #transitions}).
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

  /** The sequence's state machine, starting SAFE, telling {@code listener} of each move. */
  static <C> Transitions<RailState, C> transitions(Consumer<? super Move<RailState, C>> listener) {
    return Transitions.<RailState, C>builder("rail", RailState.class)
        .allow(SAFE, ARMING)
        .allow(ARMING, ARMED)
        .allow(ARMED, FIRE)
        .allow(FIRE, ANALYZE)
        .allowFromAny(SAFE)
        .startingAt(SAFE)
        .listener(listener)
        .build();
  }

  /** The state as telemetry carries it. */
  public RailTelemetry.Sequence wire() {
    return wire;
  }
}
