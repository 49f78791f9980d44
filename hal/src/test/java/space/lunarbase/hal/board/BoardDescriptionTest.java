package space.lunarbase.hal.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import space.lunarbase.hal.board.IoUse.Family;
import space.lunarbase.hal.board.IoUse.Kind;
import space.lunarbase.hal.tracker.AxisMechanics;
import space.lunarbase.hal.tracker.TrackerWiring;
import space.lunarbase.hal.tracker.TrackerWiring.AxisPins;
import space.lunarbase.hal.tracker.TrackerWiring.I2cDevice;

class BoardDescriptionTest {

  final BoardDescription demo = BoardDescription.demo();
  final BankBoardWiring bank = demo.bank().orElseThrow();
  final RailWiring rail = demo.rail().orElseThrow();

  /** The demo tracker with its azimuth step pin and sun-sensor ADC replaced. */
  static TrackerWiring tracker(int azimuthStep, I2cDevice sunAdc) {
    return new TrackerWiring("tracker-1", new I2cDevice(1, 0x36), new I2cDevice(0, 0x36), sunAdc,
        new AxisPins(azimuthStep, 27, 22, 23), new AxisPins(12, 16, 20, 21), 24, 25, AxisMechanics.demo(),
        AxisMechanics.demo());
  }

  static TrackerWiring tracker(int azimuthStep) {
    return tracker(azimuthStep, new I2cDevice(1, 0x4B));
  }

  @Test
  void theDemoBoardHasEveryFamilyAndNoClash() {
    assertThat(demo.families()).containsExactly(Family.BANK, Family.TRACKER, Family.RAIL);
    assertThat(bank.cells()).hasSize(12);
    assertThat(bank.id()).isEqualTo("bank-1");
    assertThat(demo.uses()).first().isEqualTo(new IoUse(Family.BANK, Kind.I2C, "bank.pack-monitor", 1, 0x40));
    assertThat(demo.uses()).extracting(IoUse::entry).contains("bank.contactors.main.coil", "bank.charger",
        "bank.thermometers", "tracker.azimuth.step", "tracker.sun-adc", "rail.frontend", "rail.fire-permit");
    assertThat(demo.uses()).filteredOn(IoUse::isPin).extracting(IoUse::address).doesNotHaveDuplicates()
        .hasSize(19);
  }

  @Test
  void oneFamilyIsEnough() {
    assertThat(BoardDescription.of(null, demo.tracker().orElseThrow(), null).families())
        .containsExactly(Family.TRACKER);
  }

  @Test
  void aBoardWithNoFamilyDescribesNoDevice() {
    assertThatThrownBy(() -> new BoardDescription(Optional.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("board describes no device");
  }

  @Test
  void aPinUsedByTwoFamiliesNamesBothEntries() {
    assertThatThrownBy(() -> BoardDescription.of(bank, tracker(5), rail))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GPIO 5 used twice: bank.contactors.main.coil and tracker.azimuth.step");
    assertThatThrownBy(() -> BoardDescription.of(bank, tracker(18), null))
        .hasMessage("GPIO 18 used twice: bank.charger and tracker.azimuth.step");
    assertThatThrownBy(() -> BoardDescription.of(null, tracker(26), rail))
        .hasMessage("GPIO 26 used twice: tracker.azimuth.step and rail.breech-latched");
  }

  @Test
  void aBusPinCountsAsUsedByItsBus() {
    assertThatThrownBy(() -> BoardDescription.of(bank, tracker(2), null))
        .hasMessage("GPIO 2 used twice: i2c-1.sda (bank.pack-monitor) and tracker.azimuth.step");
    assertThatThrownBy(() -> BoardDescription.of(null, tracker(8), rail))
        .hasMessage("GPIO 8 used twice: tracker.azimuth.step and spi0.ce0 (rail.frontend)");
    RailWiring onCe1 = new RailWiring("rail-1", 0, 1, 4_000_000, 26, 14, 15, 7, rail.gatePositionsM(),
        rail.coilPositionsM());
    assertThatThrownBy(() -> BoardDescription.of(null, null, onCe1))
        .hasMessage("GPIO 7 used twice: spi0.ce1 (rail.frontend) and rail.fire-permit");
  }

  @Test
  void anI2cAddressUsedByTwoFamiliesNamesBothEntries() {
    assertThatThrownBy(() -> BoardDescription.of(bank, tracker(17, new I2cDevice(1, 0x48)), rail))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("I2C bus 1 address 0x48 used twice: bank.cell-adc[0] and tracker.sun-adc");
    // the same address on another bus is another device
    assertThat(BoardDescription.of(bank, tracker(17, new I2cDevice(0, 0x48)), rail).families()).hasSize(3);
  }

  /** One rail per board: two SPI users meet only in the claims that every board's uses go through. */
  @Test
  void anSpiChipSelectUsedTwiceNamesBothEntries() {
    List<IoUse> uses = List.of(new IoUse(Family.RAIL, Kind.SPI, "rail.frontend", 0, 0),
        new IoUse(Family.BANK, Kind.SPI, "bank.cell-adc[0]", 0, 0));

    assertThatThrownBy(() -> PinClaims.check(uses)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("SPI bus 0 chip select 0 used twice: rail.frontend and bank.cell-adc[0]");
  }
}
