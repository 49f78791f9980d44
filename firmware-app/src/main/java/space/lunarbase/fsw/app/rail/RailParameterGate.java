package space.lunarbase.fsw.app.rail;

import jakarta.inject.Singleton;
import java.util.Optional;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.param.ParameterGate;

/**
 * Parameters read by an interlock change only while the rail is SAFE: its mode SAFE and, on a board
 * with a rail, its sequence SAFE (neither arming, armed nor firing).
 */
@Singleton
public final class RailParameterGate implements ParameterGate {

  private final Modes modes;
  private final Optional<RailSequencer> sequencer;

  public RailParameterGate(Modes modes, RailSequencing sequencing) {
    this(modes, sequencing.sequencer());
  }

  /** The gate over {@code sequencer} (empty: a board without a rail, where only the rail's mode counts). */
  public RailParameterGate(Modes modes, Optional<RailSequencer> sequencer) {
    this.modes = modes;
    this.sequencer = sequencer;
  }

  @Override
  public Optional<String> closed() {
    Mode mode = modes.of("rail").orElse(Mode.SAFE);
    if (mode != Mode.SAFE) {
      return Optional.of("the rail's mode is " + mode + " (rail.SAFE, or core.SET_MODE subsystem=rail mode=SAFE,"
          + " first)");
    }
    return sequencer.map(RailSequencer::state).filter(state -> state != RailState.SAFE)
        .map(state -> "the rail is " + state);
  }
}
