package space.lunarbase.fsw.app.rail;

import java.util.List;
import java.util.Objects;
import space.lunarbase.hal.board.RailWiring;

/**
 * Where the rail's gates and coils sit, from the board's wiring: metres from the breech, strictly
 * increasing. Coil 0 is the breech stage the sled rests on before a shot.
 *
 * @param railId the rail's id
 * @param gatePositionsM gate g at {@code gatePositionsM.get(g)}
 * @param coilPositionsM coil k's centre at {@code coilPositionsM.get(k)}
 */
public record RailGeometry(String railId, List<Double> gatePositionsM, List<Double> coilPositionsM) {

  public RailGeometry {
    Objects.requireNonNull(railId, "railId");
    gatePositionsM = List.copyOf(gatePositionsM);
    coilPositionsM = List.copyOf(coilPositionsM);
  }

  public static RailGeometry of(RailWiring wiring) {
    return new RailGeometry(wiring.id(), wiring.gatePositionsM(), wiring.coilPositionsM());
  }

  public int gates() {
    return gatePositionsM.size();
  }

  public int coils() {
    return coilPositionsM.size();
  }

  public double gate(int gate) {
    return gatePositionsM.get(gate);
  }

  public double coil(int coil) {
    return coilPositionsM.get(coil);
  }
}
