package space.lunarbase.hal.sim.spi;

import java.io.IOException;

/**
 * A simulated SPI peripheral on one chip select, seen at byte level. Each call is one transaction
 * (one chip-select assertion): SPI is full duplex, so for every byte the host shifts out on MOSI
 * the device shifts one back on MISO. A model may look at the whole request before answering,
 * because every protocol we simulate answers only after its request is complete.
 *
 * <p>Throwing {@link IOException} models a bus error: the host sees a {@code Pi4JException}.
 * Implementations must not block.
 */
@FunctionalInterface
public interface SimSpiDevice {

  /**
   * One transaction.
   *
   * @param mosi the bytes the host sent (never null, at least one byte)
   * @return exactly {@code mosi.length} bytes the device sent back
   */
  byte[] exchange(byte[] mosi) throws IOException;
}
