package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import space.lunarbase.fsw.core.state.Transitions;

/** The rail's table of allowed moves: one way through the sequence, SAFE from anywhere. */
class RailTransitionsTest {

  private final Transitions<RailState, String> machine = RailState.transitions(m -> { });

  @Test
  void theSequenceGoesOneWayAndAnyStateReturnsToSafe() {
    assertThat(machine.state()).isEqualTo(RailState.SAFE);
    RailState[] order = RailState.values();
    for (RailState from : order) {
      for (RailState to : order) {
        boolean expected = from == to || to == RailState.SAFE || to.ordinal() == from.ordinal() + 1;
        assertThat(machine.allows(from, to)).as(from + " -> " + to).isEqualTo(expected);
      }
    }
  }
}
