package space.lunarbase.hal.sim.spi;

import com.pi4j.context.Context;
import com.pi4j.io.exception.IOException;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import java.util.Arrays;

/**
 * A Pi4J {@code Spi} handle on a simulated bus. Every transfer, read and write form becomes one
 * full-duplex transaction with the device attached at this handle's bus and chip select, under
 * the bus lock. No device: MISO reads all 0xFF (a floating line with a pull-up), as on a board.
 * A closed handle or a device error throws Pi4J's {@code IOException} (a {@code Pi4JException}).
 */
final class SimSpi extends SpiBase {

  private final SimSpiProvider simProvider;
  private final int bus;
  private final int chipSelect;

  SimSpi(SimSpiProvider provider, SpiConfig config) {
    super(provider, config);
    this.simProvider = provider;
    this.bus = config.bus().getBus();
    this.chipSelect = config.chipSelect().getChipSelect();
    this.isOpen = true;
  }

  @Override
  public void open() {
    super.open();
    isOpen = true;
  }

  /** Pi4J's SpiBase stays open at context shutdown; a closed context must close its handles. */
  @Override
  public Spi shutdown(Context context) {
    close();
    return super.shutdown(context);
  }

  private byte[] exchange(byte[] mosi) {
    if (!isOpen()) {
      throw new IOException("SPI handle " + id() + " is closed");
    }
    return simProvider.exchange(bus, chipSelect, mosi);
  }

  @Override
  public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int numberOfBytes) {
    byte[] miso = exchange(Arrays.copyOfRange(write, writeOffset, writeOffset + numberOfBytes));
    System.arraycopy(miso, 0, read, readOffset, numberOfBytes);
    return numberOfBytes;
  }

  @Override
  public int write(byte b) {
    exchange(new byte[] {b});
    return 1;
  }

  @Override
  public int write(byte[] data, int offset, int length) {
    exchange(Arrays.copyOfRange(data, offset, offset + length));
    return length;
  }

  @Override
  public int read() {
    return exchange(new byte[1])[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    byte[] miso = exchange(new byte[length]);
    System.arraycopy(miso, 0, buffer, offset, length);
    return length;
  }
}
