package space.lunarbase.fsw.app.bank;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import space.lunarbase.fsw.core.channel.Channel;
import space.lunarbase.fsw.core.channel.ChannelSet;
import space.lunarbase.fsw.core.channel.ChannelSpec;
import space.lunarbase.fsw.core.channel.Sample;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.bank.CellReading;
import space.lunarbase.hal.bank.PackReading;
import space.lunarbase.hal.bank.TemperatureReading;
import space.lunarbase.hal.board.Board;

/**
 * The bank's telemetry channels and limits, all declared here (none if the board has no cell
 * bank). V_r is the cell's rated voltage from the board description, n the number of cells,
 * I_max the charger's current at 100 % duty. Every channel needs {@value #PERSISTENCE} samples.
 *
 * <table>
 *   <caption>bank channels</caption>
 *   <tr><th>channel</th><th>unit</th><th>yellow</th><th>red</th></tr>
 *   <tr><td>bank.pack_voltage</td><td>V</td><td>above n V_r</td><td>above 1.05 n V_r</td></tr>
 *   <tr><td>bank.pack_current</td><td>A</td><td>beyond &plusmn;I_max</td><td>beyond &plusmn;1.1 I_max</td></tr>
 *   <tr><td>bank.cell_NN_voltage (NN from 01, as in tlm/bank)</td><td>V</td><td>above V_r</td><td>above 1.05 V_r, below -0.05 V_r</td></tr>
 *   <tr><td>bank.temperature_NN (sensor NN in wiring order)</td><td>degC</td><td>outside -30..55</td>
 *       <td>outside -40..65</td></tr>
 * </table>
 *
 * Hardware is read once per monitor cycle ({@link #refresh}): pack and cells; temperatures are the
 * latest {@link BankThermometers} read (STALE when old). The pack monitor must measure the pack
 * current's red limit ({@link #requireMeasurable}, checked when the bank's ratings are made).
 */
@Singleton
public final class BankChannels implements ChannelSet {

  static final int PERSISTENCE = 3;
  /** The pack current's red limit, in multiples of the charger's maximum. */
  static final double CURRENT_RED = 1.1;
  static final double TEMP_YELLOW_LOW = -30;
  static final double TEMP_YELLOW_HIGH = 55;
  static final double TEMP_RED_LOW = -40;
  static final double TEMP_RED_HIGH = 65;

  private final CellBank bank;
  private final BankThermometers thermometers;
  private final List<Channel> channels;
  private volatile PackReading pack;
  private volatile List<CellReading> cells = List.of();
  private volatile List<TemperatureReading> temperatures = List.of();

  public BankChannels(Board board, Optional<BankRatings> ratings, Optional<BankThermometers> thermometers) {
    this.bank = board.cellBank().orElse(null);
    this.thermometers = thermometers.orElse(null);
    if (bank == null || ratings.isEmpty() || this.thermometers == null) {
      channels = List.of();
      return;
    }
    BankRatings r = ratings.get();
    channels = declare(r.cellRatedV(), r.cells(), r.thermometers(), r.chargerMaxA());
  }

  private List<Channel> declare(double ratedV, int cellCount, int sensors, double maxChargeA) {
    List<Channel> list = new ArrayList<>();
    list.add(new Channel(ChannelSpec.of("bank.pack_voltage", "V").yellow(Double.NaN, cellCount * ratedV)
        .red(Double.NaN, 1.05 * cellCount * ratedV).persistence(PERSISTENCE), () -> pack(PackReading::voltageV)));
    list.add(new Channel(ChannelSpec.of("bank.pack_current", "A").yellow(-maxChargeA, maxChargeA)
        .red(-CURRENT_RED * maxChargeA, CURRENT_RED * maxChargeA).persistence(PERSISTENCE), () -> pack(PackReading::currentA)));
    for (int i = 0; i < cellCount; i++) {
      int cell = i;
      list.add(new Channel(ChannelSpec.of("bank." + CellLabel.of(i) + "_voltage", "V").yellow(Double.NaN, ratedV)
          .red(-0.05 * ratedV, 1.05 * ratedV).persistence(PERSISTENCE), () -> cell(cell)));
    }
    for (int i = 0; i < sensors; i++) {
      int sensor = i;
      list.add(new Channel(ChannelSpec.of("bank.temperature_%02d".formatted(i), "degC")
          .yellow(TEMP_YELLOW_LOW, TEMP_YELLOW_HIGH).red(TEMP_RED_LOW, TEMP_RED_HIGH).persistence(PERSISTENCE),
          () -> temperature(sensor)));
    }
    return List.copyOf(list);
  }

  /**
   * Checks that the pack monitor measures the pack current's red limit: one calibrated for less
   * (its readings beyond its range are OUT_OF_RANGE, never checked) could never see it, and stops
   * the start naming its configuration key.
   */
  static void requireMeasurable(BankRatings ratings) {
    ratings.requireMeasurable("pack current's red limit (%.1f x the charger's %.1f A)"
        .formatted(CURRENT_RED, ratings.chargerMaxA()), CURRENT_RED * ratings.chargerMaxA());
  }

  @Override
  public List<Channel> channels() {
    return channels;
  }

  @Override
  public void refresh(Instant cycleTime) {
    if (bank != null) {
      pack = null;
      cells = List.of();
      temperatures = List.of();
      pack = bank.readPack();
      cells = bank.readCells();
      temperatures = thermometers.latest(cycleTime);
    }
  }

  private Sample pack(java.util.function.ToDoubleFunction<PackReading> value) {
    PackReading p = pack;
    if (p == null) {
      return Sample.bad(Quality.STALE, "not sampled yet");
    }
    return p.isGood() ? Sample.good(value.applyAsDouble(p)) : Sample.bad(p.quality(), p.fault());
  }

  private Sample cell(int cell) {
    List<CellReading> now = cells;
    if (cell >= now.size()) {
      return Sample.bad(Quality.FAILED, "no reading for " + CellLabel.of(cell));
    }
    CellReading r = now.get(cell);
    return r.isGood() ? Sample.good(r.volts()) : Sample.bad(r.quality(), r.fault());
  }

  private Sample temperature(int sensor) {
    List<TemperatureReading> now = temperatures;
    if (sensor >= now.size()) {
      return Sample.bad(Quality.FAILED, "no reading for sensor " + sensor);
    }
    TemperatureReading r = now.get(sensor);
    return r.isGood() ? Sample.good(r.celsius()) : Sample.bad(r.quality(), r.fault() + " (" + r.sensor() + ")");
  }
}
