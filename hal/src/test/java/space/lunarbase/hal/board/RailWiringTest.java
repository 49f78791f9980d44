package space.lunarbase.hal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RailWiringTest {

  static final List<Double> GATES = List.of(5.0, 15.0);
  static final List<Double> COILS = List.of(0.0, 10.0);

  static RailWiring wiring(int breech, int clear, int arm, int permit, List<Double> gates, List<Double> coils) {
    return new RailWiring("rail-a", 0, 0, 4_000_000, breech, clear, arm, permit, gates, coils);
  }

  @Test
  void goodWiringNamesItsParts() {
    RailWiring w = wiring(5, 6, 13, 19, GATES, COILS);
    assertThat(w.frontEndName()).isEqualTo("rail-a/frontend");
    assertThat(w.frontEndIoId()).isEqualTo("railfe-rail-a");
    assertThat(w.pinIoId("arm")).isEqualTo("rail-a-arm");
  }

  @Test
  void aPinUsedTwiceIsNamedWithBothRoles() {
    assertThatThrownBy(() -> wiring(5, 6, 5, 19, GATES, COILS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RailWiring: GPIO 5 used twice, by breechLatchedPin and armPin");
  }

  @Test
  void positionsMustBeInOrder() {
    assertThatThrownBy(() -> wiring(5, 6, 13, 19, List.of(5.0, 15.0, 12.0), COILS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RailWiring.gatePositionsM out of order: [2] = 12.0 m is not after [1] = 15.0 m");
    assertThatThrownBy(() -> wiring(5, 6, 13, 19, GATES, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("coilPositionsM must have 1..16 entries");
    assertThatThrownBy(() -> wiring(5, 6, 13, 19, List.of(Double.NaN), COILS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gatePositionsM[0]");
  }

  @Test
  void busPinsAndClockAreChecked() {
    assertThatThrownBy(() -> wiring(28, 6, 13, 19, GATES, COILS)).hasMessageContaining("BCM GPIO 0..27");
    assertThatThrownBy(() -> new RailWiring("rail-a", 0, 0, 20_000_000, 5, 6, 13, 19, GATES, COILS))
        .hasMessageContaining("baud");
    assertThatThrownBy(() -> new RailWiring("Rail A", 0, 0, 4_000_000, 5, 6, 13, 19, GATES, COILS))
        .hasMessageContaining("[a-z0-9-]+");
    assertThatThrownBy(() -> new RailWiring("rail-a", 7, 0, 4_000_000, 5, 6, 13, 19, GATES, COILS))
        .hasMessageContaining("spiBus");
  }
}
