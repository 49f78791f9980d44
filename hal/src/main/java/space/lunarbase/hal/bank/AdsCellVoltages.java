package space.lunarbase.hal.bank;

import java.util.List;
import java.util.Objects;
import space.lunarbase.hal.device.ads1115.Ads1115;

/**
 * Cell voltages through ADS1115 single-ended channels, one channel per cell (4 per chip: 12 cells
 * use 3 chips at 0x48..0x4A). Each cell sits at a different potential in the string, so each cell
 * has its own high-common-mode difference amplifier (an INA149-class level shifter) between its
 * two terminals and its ADC input: the channel reads gain &times; cell voltage against GND. The
 * per-cell gain is calibrated and comes from the wiring.
 *
 * <p>Chosen over tapping every string node through a divider and subtracting neighbours: at the
 * top of a 32 V string a 1/10 divider with 0.1 % resistors errs by about 30 mV per node, more
 * than the balancing window, while a difference amplifier's error does not grow with the cell's
 * position.
 */
public final class AdsCellVoltages implements CellVoltageSource {

  /** One cell's channel and its front-end gain (volts at the ADC per volt across the cell). */
  public record CellChannel(Ads1115.Channel channel, double gain) {

    public CellChannel {
      Objects.requireNonNull(channel, "channel");
      if (!(gain > 0) || !Double.isFinite(gain)) {
        throw new IllegalArgumentException("cell channel gain must be positive and finite, was " + gain);
      }
    }
  }

  private final List<CellChannel> channels;

  /** @param channels cell i's channel at index i */
  public AdsCellVoltages(List<CellChannel> channels) {
    this.channels = List.copyOf(channels);
    if (this.channels.isEmpty()) {
      throw new IllegalArgumentException("at least one cell channel is needed");
    }
  }

  @Override
  public int cells() {
    return channels.size();
  }

  @Override
  public double readVolts(int cell) {
    CellChannel c = channels.get(cell);
    return c.channel().readVolts() / c.gain();
  }
}
