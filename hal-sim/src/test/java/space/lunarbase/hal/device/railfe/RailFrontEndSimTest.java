package space.lunarbase.hal.device.railfe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiChipSelect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.sim.SimClock;
import space.lunarbase.hal.sim.SimRailFrontEnd;
import space.lunarbase.hal.sim.SledPlant;
import space.lunarbase.hal.sim.spi.SimSpiProvider;

/** Driver behaviour that needs a device to misbehave: identity, key, permit, bounds. */
class RailFrontEndSimTest {

  final SimClock clock = SimClock.manual(Instant.parse("2030-01-01T00:00:00Z"));
  final SledPlant plant = new SledPlant(SledPlant.Spec.demo(), clock);
  final AtomicBoolean permit = new AtomicBoolean();
  final SimRailFrontEnd chip = new SimRailFrontEnd(plant, permit::get);
  final SimSpiProvider provider = new SimSpiProvider().attach(0, 0, chip);
  final Context pi4j = Pi4J.newContextBuilder().add(provider).build();
  final Spi spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("railfe").bus(SpiBus.BUS_0)
      .chipSelect(SpiChipSelect.CS_0).provider(SimSpiProvider.ID).build());

  RailFrontEnd driver(int maxRecords) {
    return new RailFrontEnd(spi, new RailFrontEnd.Settings("rail-a/frontend", maxRecords));
  }

  @AfterEach
  void tearDown() {
    pi4j.shutdown();
  }

  @Test
  void missingDeviceFailsStartOnTheCrc() {
    provider.detach(0, 0);

    assertThatThrownBy(() -> driver(10).start()).isInstanceOf(DeviceException.class)
        .hasMessageContaining("rail-a/frontend").hasMessageContaining("ID register 0x00")
        .hasMessageContaining("CRC");
  }

  @Test
  void wrongIdentityFailsStartNamingWhatWasRead() {
    provider.attach(0, 0, mosi -> {
      byte[] miso = chip.exchange(mosi);
      if ((mosi[0] & 0xFF) == 0x80) {
        miso[6] = 'X';
        miso[10] = (byte) RailFrontEndProtocol.crc8(miso, 4, 6);
      }
      return miso;
    });

    assertThatThrownBy(() -> driver(10).start()).isInstanceOf(DeviceException.class)
        .hasMessageContaining("not a rail front-end").hasMessageContaining("58 42 52 46");
  }

  @Test
  void armNeedsAValidTableAndAnUnbrokenKey() {
    RailFrontEnd fe = driver(10);
    fe.start();
    assertThatThrownBy(fe::arm).isInstanceOf(DeviceException.class).hasMessageContaining("LOCKED");

    fe.uploadFiringTable(new FiringTable(List.of(FiringEntry.afterFire(0, 0))));
    // a key 2 without key 1 right before it
    fe.status();
    assertThatThrownBy(() -> spiWrite(RailFrontEndProtocol.OP_ARM_KEY2, RailFrontEndProtocol.ARM_KEY2_ARG))
        .isInstanceOf(FrameException.class).hasMessageContaining("BAD_KEY");
    assertThat(fe.status().armed()).isFalse();
    fe.arm();
    assertThat(fe.status().armed()).isTrue();
  }

  @Test
  void fireNeedsThePermitLine() {
    RailFrontEnd fe = driver(10);
    fe.start();
    fe.uploadFiringTable(new FiringTable(List.of(FiringEntry.afterFire(0, 0))));
    fe.arm();

    assertThatThrownBy(fe::fire).isInstanceOf(DeviceException.class).hasMessageContaining("LOCKED");
    permit.set(true);
    assertThat(fe.status().firePermit()).isTrue();
    fe.fire();
    clock.advance(Duration.ofMillis(1));
    assertThat(fe.drain().events()).first().isInstanceOf(CoilTriggerEvent.class);
  }

  @Test
  void drainIsBoundedAndLeavesTheRestWaiting() {
    RailFrontEnd fe = driver(20);
    fe.start();
    fe.uploadFiringTable(new FiringTable(List.of(FiringEntry.afterFire(0, 0), FiringEntry.afterFire(1, 100_000))));
    fe.arm();
    permit.set(true);
    fe.fire();
    clock.advance(Duration.ofMillis(2)); // 2 triggers + 32 samples

    Drain first = fe.drain();
    Drain second = fe.drain();

    assertThat(first.events()).hasSize(20);
    assertThat(first.remaining()).isEqualTo(14);
    assertThat(second.events()).hasSize(14);
    assertThat(second.remaining()).isZero();
    // the last of coil 0's 16 samples (750 us) is after its 500 us pulse; coil 1's (850 us) too
    assertThat(fe.coilCurrentsA()[0]).isZero();
    assertThat(fe.coilCurrentsA()[1]).isZero();
  }

  @Test
  void openThermistorReadsNaN() {
    RailFrontEnd fe = driver(10);
    fe.start();
    plant.setRailTemperatureC(2, Double.NaN);
    plant.setRailTemperatureC(0, 21.37);

    double[] c = fe.railTemperaturesC();

    assertThat(c[0]).isEqualTo(21.37, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(c[2]).isNaN();
    assertThat(fe.status().thermistorFault()).isTrue();
  }

  private void spiWrite(int opcode, int arg) {
    byte[] tx = RailFrontEndProtocol.writeRequest(RailFrontEndProtocol.REG_CONTROL, new byte[] {(byte) opcode, (byte) arg});
    byte[] rx = new byte[tx.length];
    spi.transfer(tx, rx, tx.length);
    RailFrontEndProtocol.checkResponse(tx, rx);
  }
}
