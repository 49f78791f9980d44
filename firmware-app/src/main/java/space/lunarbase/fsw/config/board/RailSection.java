package space.lunarbase.fsw.config.board;

import java.util.List;
import space.lunarbase.hal.board.RailRatings;
import space.lunarbase.hal.board.RailWiring;

/**
 * The {@code rail:} section of a board file, one key per {@link RailWiring} component; the
 * {@link RailRatings} keys ({@code rated-...}) may be left out.
 */
final class RailSection {

  static final List<String> KEYS = List.of("id", "spi-bus", "chip-select", "baud", "breech-latched-pin",
      "rail-clear-pin", "arm-pin", "fire-permit-pin", "gate-positions-m", "coil-positions-m",
      "rated-temperature-min-c", "rated-temperature-max-c", "rated-arm-window-s");

  private RailSection() {}

  static RailWiring read(Entry entry) {
    Section s = entry.section(KEYS);
    String id = s.get("id").text();
    int spiBus = s.get("spi-bus").whole();
    int chipSelect = s.get("chip-select").whole();
    int baud = s.get("baud").whole();
    int breechLatched = s.get("breech-latched-pin").whole();
    int railClear = s.get("rail-clear-pin").whole();
    int arm = s.get("arm-pin").whole();
    int firePermit = s.get("fire-permit-pin").whole();
    List<Double> gates = s.get("gate-positions-m").list(Entry::number);
    List<Double> coils = s.get("coil-positions-m").list(Entry::number);
    // the ratings are optional: a board that names none gets RailRatings.DEFAULT's
    double ratedMin = s.find("rated-temperature-min-c").map(Entry::number).orElse(RailRatings.DEFAULT.temperatureMinC());
    double ratedMax = s.find("rated-temperature-max-c").map(Entry::number).orElse(RailRatings.DEFAULT.temperatureMaxC());
    double ratedArm = s.find("rated-arm-window-s").map(Entry::number).orElse(RailRatings.DEFAULT.armWindowMaxS());
    return entry.build(() -> new RailWiring(id, spiBus, chipSelect, baud, breechLatched, railClear, arm, firePermit,
        gates, coils, new RailRatings(ratedMin, ratedMax, ratedArm)));
  }
}
