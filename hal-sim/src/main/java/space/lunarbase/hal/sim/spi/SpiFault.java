package space.lunarbase.hal.sim.spi;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault on the wires of one chip select: it may change the MISO bytes of a transaction after
 * the device answered (noise, a marginal clock), as the host will receive them.
 */
@FunctionalInterface
public interface SpiFault {

  /** Changes {@code miso} in place; {@code mosi} is what the host sent. */
  void apply(byte[] mosi, byte[] miso);

  /**
   * Flips bit 0 of the last-but-one MISO byte (the end of a response's payload) of the next
   * {@code count} transactions, then stays silent.
   */
  static SpiFault flipBitInNext(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    AtomicInteger left = new AtomicInteger(count);
    return (mosi, miso) -> {
      if (miso.length >= 2 && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        miso[miso.length - 2] ^= 0x01;
      }
    };
  }
}
