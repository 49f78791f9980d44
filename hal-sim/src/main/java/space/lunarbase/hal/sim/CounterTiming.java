package space.lunarbase.hal.sim;

import space.lunarbase.hal.device.ads1115.Ads1115;

/**
 * The ADS1115 driver's conversion wait on a counter for simulated chips: a pause only moves the
 * counter, never sleeps, so a conversion is done at once whatever the simulation clock says.
 */
final class CounterTiming implements Ads1115.Timing {
  private long nanos;

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized void pause(long pause) {
    nanos += pause;
  }
}
