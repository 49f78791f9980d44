package space.lunarbase.hal.board;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one launch rail is wired to a controller board: its LBRF front-end on SPI, its four
 * discretes (BCM pin numbers), and where its gates and coils sit along the rail.
 *
 * @param id the rail's id, {@code [a-z0-9-]+}
 * @param spiBus the SPI bus ({@code /dev/spidev<bus>.<cs>}), 0..6
 * @param chipSelect the front-end's chip select, 0..10
 * @param baud SPI clock, 100 kHz..10 MHz (spec &sect;1)
 * @param breechLatchedPin input, high = breech latched
 * @param railClearPin input, high = rail clear
 * @param armPin output, the hardware arm line
 * @param firePermitPin output, to the front-end's FIRE_PERMIT input
 * @param gatePositionsM gate positions from the breech, metres, strictly increasing, 1..64 gates
 * @param coilPositionsM coil centres from the breech, metres, strictly increasing, 1..16 coils
 * @param ratings what the rail is rated for ({@link RailRatings#DEFAULT} unless the board says)
 */
public record RailWiring(String id, int spiBus, int chipSelect, int baud, int breechLatchedPin, int railClearPin,
    int armPin, int firePermitPin, List<Double> gatePositionsM, List<Double> coilPositionsM, RailRatings ratings) {

  private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

  public RailWiring {
    Objects.requireNonNull(id, "RailWiring.id must be given");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("RailWiring.id must match [a-z0-9-]+, was '" + id + "'");
    }
    if (spiBus < 0 || spiBus > 6) {
      throw new IllegalArgumentException("RailWiring.spiBus must be 0..6 (/dev/spidev<bus>.<cs>), was " + spiBus);
    }
    if (chipSelect < 0 || chipSelect > 10) {
      throw new IllegalArgumentException("RailWiring.chipSelect must be 0..10, was " + chipSelect);
    }
    if (baud < 100_000 || baud > 10_000_000) {
      throw new IllegalArgumentException("RailWiring.baud must be 100000..10000000 (front-end spec), was " + baud);
    }
    Map<Integer, String> pins = new LinkedHashMap<>();
    pin(pins, "breechLatchedPin", breechLatchedPin);
    pin(pins, "railClearPin", railClearPin);
    pin(pins, "armPin", armPin);
    pin(pins, "firePermitPin", firePermitPin);
    Objects.requireNonNull(gatePositionsM, "RailWiring.gatePositionsM must be given");
    Objects.requireNonNull(coilPositionsM, "RailWiring.coilPositionsM must be given");
    gatePositionsM = List.copyOf(gatePositionsM);
    coilPositionsM = List.copyOf(coilPositionsM);
    positions("gatePositionsM", gatePositionsM, 64);
    positions("coilPositionsM", coilPositionsM, 16);
    Objects.requireNonNull(ratings, "RailWiring.ratings must be given");
  }

  /** A rail with the {@link RailRatings#DEFAULT} ratings. */
  public RailWiring(String id, int spiBus, int chipSelect, int baud, int breechLatchedPin, int railClearPin,
      int armPin, int firePermitPin, List<Double> gatePositionsM, List<Double> coilPositionsM) {
    this(id, spiBus, chipSelect, baud, breechLatchedPin, railClearPin, armPin, firePermitPin, gatePositionsM,
        coilPositionsM, RailRatings.DEFAULT);
  }

  /** The device name used in errors: {@code <id>/frontend}. */
  public String frontEndName() {
    return id + "/frontend";
  }

  /** The Pi4J I/O id of the front-end's SPI handle (unique per rail). */
  public String frontEndIoId() {
    return "railfe-" + id;
  }

  /** The Pi4J I/O id of one discrete, e.g. {@code rail-a-arm}. */
  public String pinIoId(String role) {
    return id + "-" + role;
  }

  private static void pin(Map<Integer, String> used, String field, int pin) {
    if (pin < 0 || pin > 27) {
      throw new IllegalArgumentException("RailWiring." + field + " must be a BCM GPIO 0..27, was " + pin);
    }
    String other = used.putIfAbsent(pin, field);
    if (other != null) {
      throw new IllegalArgumentException("RailWiring: GPIO " + pin + " used twice, by " + other + " and " + field);
    }
  }

  private static void positions(String field, List<Double> values, int max) {
    if (values.isEmpty() || values.size() > max) {
      throw new IllegalArgumentException("RailWiring." + field + " must have 1.." + max + " entries, had "
          + values.size());
    }
    for (int i = 0; i < values.size(); i++) {
      Double x = values.get(i);
      if (!(x >= 0) || !Double.isFinite(x)) {
        throw new IllegalArgumentException("RailWiring." + field + "[" + i + "] must be >= 0 and finite, was " + x);
      }
      if (i > 0 && x <= values.get(i - 1)) {
        throw new IllegalArgumentException("RailWiring." + field + " out of order: [" + i + "] = " + x
            + " m is not after [" + (i - 1) + "] = " + values.get(i - 1) + " m");
      }
    }
  }
}
