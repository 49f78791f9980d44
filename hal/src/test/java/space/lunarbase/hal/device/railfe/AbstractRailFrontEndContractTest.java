package space.lunarbase.hal.device.railfe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.DeviceException;

/**
 * What every LBRF front-end, simulated or real, must do for the driver. Never sends FIRE; leaves
 * the device disarmed with an empty FIFO.
 */
public abstract class AbstractRailFrontEndContractTest {

  protected RailFrontEnd device;

  /** A driver for the device under test, not yet started. */
  protected abstract RailFrontEnd createDevice();

  @BeforeEach
  void setUpDevice() {
    device = createDevice();
  }

  @Test
  void startChecksIdentityAndReadsCapabilities() {
    Capabilities caps = device.start();

    assertThat(caps.recordSize()).isEqualTo(16);
    assertThat(caps.gates()).isBetween(1, 64);
    assertThat(caps.coils()).isBetween(1, 16);
    assertThat(caps.thermistors()).isBetween(0, 8);
    assertThat(device.capabilities()).isEqualTo(caps);
    assertThat(device.crcErrors()).isZero();
  }

  @Test
  void counterRunsForwardAndIsReadWhole() {
    device.start();
    long first = device.timeNs();
    long second = device.timeNs();

    assertThat(first).isNotNegative();
    assertThat(second).isGreaterThanOrEqualTo(first);
  }

  @Test
  void firingTableRoundTripsAndValidates() {
    device.start();
    device.disarm();
    FiringTable table = device.capabilities().coils() > 1
        ? new FiringTable(List.of(FiringEntry.afterFire(0, 0), FiringEntry.afterGate(1, 0, 1_000_000)))
        : new FiringTable(List.of(FiringEntry.afterGate(0, 0, 1_000_000)));

    device.uploadFiringTable(table);

    assertThat(device.readFiringTable()).isEqualTo(table);
    assertThat(device.status().tableValid()).isTrue();
  }

  @Test
  void armsOnlyWithTheKeyAndDisarms() {
    device.start();
    device.disarm();
    device.uploadFiringTable(new FiringTable(List.of(FiringEntry.afterFire(0, 1_000))));

    device.arm();
    assertThat(device.status().armed()).isTrue();
    assertThatThrownBy(() -> device.uploadFiringTable(new FiringTable(List.of(FiringEntry.afterFire(0, 5)))))
        .isInstanceOf(DeviceException.class).hasMessageContaining("LOCKED");

    device.disarm();
    assertThat(device.status().armed()).isFalse();
  }

  @Test
  void fireWhileDisarmedIsRefused() {
    device.start();
    device.disarm();

    assertThatThrownBy(device::fire).isInstanceOf(DeviceException.class).hasMessageContaining("LOCKED");
  }

  @Test
  void clearedFifoDrainsEmpty() {
    device.start();
    device.clearFifo();

    Drain drain = device.drain();

    assertThat(drain.remaining()).isZero();
    assertThat(drain.overflow()).isFalse();
    assertThat(drain.lostRecords()).isZero();
    assertThat(drain.events()).allSatisfy(e -> assertThat(e.timestampNs()).isNotNegative());
  }

  @Test
  void analogueChannelsHaveTheirWidths() {
    device.start();

    assertThat(device.railTemperaturesC()).hasSize(8);
    assertThat(device.coilCurrentsA()).hasSize(16);
  }
}
