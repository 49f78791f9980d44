package space.lunarbase.fsw.app.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import space.lunarbase.fsw.core.state.Transitions;

/** The tracker's table of allowed moves: all but the three that never happen. */
class TrackerTransitionsTest {

  private final Transitions<TrackerState, String> machine = TrackerState.transitions(m -> { });

  @Test
  void everyMoveIsAllowedButTheThreeTheControllerNeverMakes() {
    assertThat(machine.state()).isEqualTo(TrackerState.IDLE);
    Set<String> refused = new TreeSet<>();
    for (TrackerState from : TrackerState.values()) {
      for (TrackerState to : EnumSet.complementOf(EnumSet.of(from))) {
        if (!machine.allows(from, to)) {
          refused.add(from + "->" + to);
        }
      }
    }
    Set<String> expected = new TreeSet<>(Set.of("TRACKING->ACQUIRING", "STOWED->FAULT"));
    for (TrackerState from : TrackerState.values()) {
      if (from != TrackerState.STOWING && from != TrackerState.STOWED) {
        expected.add(from + "->STOWED");
      }
    }
    assertThat(refused).isEqualTo(expected);
  }
}
