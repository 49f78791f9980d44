package space.lunarbase.hal.sim.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.exception.Pi4JException;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every Pi4J SPI form reaches the device on the handle's chip select. */
class SimSpiProviderTest {

  /** Answers each byte with its complement, so routing and full duplex are visible. */
  static final SimSpiDevice COMPLEMENT = mosi -> {
    byte[] miso = new byte[mosi.length];
    for (int i = 0; i < mosi.length; i++) {
      miso[i] = (byte) ~mosi[i];
    }
    return miso;
  };

  final SimSpiProvider provider =
      new SimSpiProvider().attach(0, 0, COMPLEMENT).attach(0, 1, mosi -> new byte[mosi.length]);
  final Context pi4j = Pi4J.newContextBuilder().add(provider).build();

  Spi open(String id, int chipSelect) {
    return pi4j.create(Spi.newConfigBuilder(pi4j).id(id).bus(SpiBus.BUS_0)
        .chipSelect(SpiChipSelect.getByNumber(chipSelect)).baud(4_000_000).provider(SimSpiProvider.ID).build());
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Test
  void transferIsFullDuplexAndRoutedByChipSelect() {
    Spi cs0 = open("cs0", 0);
    Spi cs1 = open("cs1", 1);
    byte[] rx = new byte[3];

    assertThat(cs0.transfer(new byte[] {0x01, 0x02, (byte) 0xF0}, rx, 3)).isEqualTo(3);
    assertThat(rx).containsExactly(0xFE, 0xFD, 0x0F);
    cs1.transfer(new byte[] {0x01, 0x02, 0x03}, rx, 3);
    assertThat(rx).containsExactly(0, 0, 0);
    assertThat(cs0.provider()).isSameAs(provider);
  }

  @Test
  void readAndWriteFormsAreTransactionsToo() {
    Spi cs0 = open("cs0", 0);
    assertThat(cs0.read()).isEqualTo(0xFF); // ~0x00
    byte[] buffer = new byte[4];
    assertThat(cs0.read(buffer, 1, 2)).isEqualTo(2);
    assertThat(buffer).containsExactly(0, 0xFF, 0xFF, 0);
    assertThat(cs0.write((byte) 7)).isEqualTo(1);
    assertThat(cs0.write(new byte[] {1, 2, 3}, 1, 2)).isEqualTo(2);
  }

  @Test
  void chipSelectWithNoDeviceReadsAllOnes() {
    Spi nobody = open("nobody", 2);
    byte[] rx = new byte[4];
    nobody.transfer(new byte[4], rx, 4);
    assertThat(rx).containsOnly(0xFF);
  }

  @Test
  void injectedFaultCorruptsWhatTheHostReceives() {
    Spi cs1 = open("cs1", 1);
    provider.injectFault(0, 1, SpiFault.flipBitInNext(1));
    byte[] rx = new byte[4];

    cs1.transfer(new byte[4], rx, 4);
    assertThat(rx).containsExactly(0, 0, 1, 0);
    cs1.transfer(new byte[4], rx, 4);
    assertThat(rx).containsOnly(0);

    provider.injectFault(0, 1, (mosi, miso) -> miso[0] = 0x55);
    cs1.transfer(new byte[2], rx, 2);
    assertThat(rx[0]).isEqualTo((byte) 0x55);
    provider.clearFault(0, 1);
    cs1.transfer(new byte[2], rx, 2);
    assertThat(rx[0]).isZero();
  }

  @Test
  void deviceErrorAndClosedHandleThrowPi4JExceptions() {
    provider.attach(0, 3, mosi -> {
      throw new IOException("device on fire");
    });
    Spi broken = open("broken", 3);
    assertThatThrownBy(() -> broken.transfer(new byte[1], new byte[1], 1)).isInstanceOf(Pi4JException.class)
        .hasMessageContaining("device on fire").hasRootCauseInstanceOf(IOException.class);

    Spi cs0 = open("cs0", 0);
    cs0.close();
    assertThatThrownBy(cs0::read).isInstanceOf(Pi4JException.class).hasMessageContaining("closed");
  }
}
