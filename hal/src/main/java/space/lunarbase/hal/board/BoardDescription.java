package space.lunarbase.hal.board;

import static space.lunarbase.hal.board.IoUse.Family.BANK;
import static space.lunarbase.hal.board.IoUse.Family.RAIL;
import static space.lunarbase.hal.board.IoUse.Family.TRACKER;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import space.lunarbase.hal.board.IoUse.Family;
import space.lunarbase.hal.board.IoUse.Kind;
import space.lunarbase.hal.tracker.AxisMechanics;
import space.lunarbase.hal.tracker.TrackerWiring;

/**
 * Everything one controller board drives: at most one capacitor bank, one solar tracker and one
 * launch rail, each optional, at least one present. Each family's wiring checks itself; this record
 * checks them against each other at construction and names both entries of the first clash in one
 * IllegalArgumentException: a GPIO pin used twice ({@code GPIO 17 used twice:
 * bank.contactors.main.coil and tracker.azimuth.step}, counting the header pins of I2C buses 0/1
 * and SPI buses 0/1 as used by their bus), an I2C bus and address used twice, an SPI bus and chip
 * select used twice, or no family at all ({@code board describes no device}).
 *
 * @param bank the capacitor bank's wiring, if the board drives one
 * @param tracker the solar tracker's wiring, if the board drives one
 * @param rail the launch rail's wiring, if the board drives one
 */
public record BoardDescription(Optional<BankBoardWiring> bank, Optional<TrackerWiring> tracker,
    Optional<RailWiring> rail) {

  public BoardDescription {
    Objects.requireNonNull(bank, "bank");
    Objects.requireNonNull(tracker, "tracker");
    Objects.requireNonNull(rail, "rail");
    if (bank.isEmpty() && tracker.isEmpty() && rail.isEmpty()) {
      throw new IllegalArgumentException("board describes no device");
    }
    PinClaims.check(uses(bank, tracker, rail));
  }

  /** A board with every family given (each may be null for "none"). */
  public static BoardDescription of(BankBoardWiring bank, TrackerWiring tracker, RailWiring rail) {
    return new BoardDescription(Optional.ofNullable(bank), Optional.ofNullable(tracker), Optional.ofNullable(rail));
  }

  /** Every I/O the described devices use, bank first, then tracker, then rail, each in wiring order. */
  public List<IoUse> uses() {
    return uses(bank, tracker, rail);
  }

  /** The families this board drives, in the order bank, tracker, rail. */
  public List<Family> families() {
    List<Family> families = new ArrayList<>();
    bank.ifPresent(b -> families.add(BANK));
    tracker.ifPresent(t -> families.add(TRACKER));
    rail.ifPresent(r -> families.add(RAIL));
    return families;
  }

  /**
   * The demo board: {@link #demo(BankWiring)} with bank {@code bank-1}'s INA226 at bus 1, 0x40, on a
   * 0.5 mOhm shunt (the common 75 mV / 150 A part) calibrated for 150 A: the 100 A charger and the
   * dump resistor's discharge stay inside what it measures.
   */
  public static BoardDescription demo() {
    return demo(new BankWiring("bank-1", 1, 0x40, 0.0005, 150));
  }

  /**
   * A plausible full board with no clash, using every free header GPIO:
   * <ul>
   *   <li>bank: {@link BankBoardWiring#demo} around {@code pack} (12 cells; ADS1115s 0x48..0x4A and
   *       an MCP23017 0x20 on the pack's bus; contactors on GPIO 5/6 and 13/19; charger PWM on
   *       GPIO 18 (PWM0) with a 100 A charger; DS18B20s on 1-Wire);
   *   <li>tracker {@code tracker-1}: azimuth AS5600 on bus 1 and elevation AS5600 on bus 0
   *       (GPIO 0/1, {@code dtparam=i2c_vc=on}), both 0x36; sun-sensor ADS1115 at bus 1, 0x4B;
   *       azimuth step/dir/nENBL/nFAULT on GPIO 17/27/22/23, elevation on 12/16/20/21; elevation
   *       limit switches on 24 (lower) and 25 (upper); {@link AxisMechanics#demo()};
   *   <li>rail {@code rail-1}: front-end on {@code /dev/spidev0.0} at 4 MHz; breech latched on
   *       GPIO 26, rail clear on 14, arm on 15, fire permit on 7 (UART and SPI0 CE1 used as GPIO:
   *       no serial console, {@code dtoverlay=spi0-1cs}); 8 coils every 10 m from the breech and a
   *       gate half-way after each (the demo sled plant's rail).
   * </ul>
   * The 1-Wire bus must sit on a pin of its own ({@code dtoverlay=w1-gpio,gpiopin=4}).
   */
  public static BoardDescription demo(BankWiring pack) {
    BankBoardWiring bank = BankBoardWiring.demo(pack.id(), pack.shuntOhms(), pack.maxCurrentA(), 100);
    bank = new BankBoardWiring(pack, bank.adcAddresses(), bank.expanderAddresses(), bank.cells(), bank.thermometers(),
        bank.main(), bank.discharge(), bank.chargerPwm(), bank.chargerPwmHz(), bank.chargerMaxCurrentA(),
        bank.cellRatedV(), bank.cellCapacitanceF());
    TrackerWiring tracker = new TrackerWiring("tracker-1", new TrackerWiring.I2cDevice(1, 0x36),
        new TrackerWiring.I2cDevice(0, 0x36), new TrackerWiring.I2cDevice(1, 0x4B),
        new TrackerWiring.AxisPins(17, 27, 22, 23), new TrackerWiring.AxisPins(12, 16, 20, 21), 24, 25,
        AxisMechanics.demo(), AxisMechanics.demo());
    List<Double> coils = new ArrayList<>();
    List<Double> gates = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      coils.add(10.0 * k);
      gates.add(10.0 * k + 5);
    }
    RailWiring rail = new RailWiring("rail-1", 0, 0, 4_000_000, 26, 14, 15, 7, gates, coils);
    return of(bank, tracker, rail);
  }

  private static List<IoUse> uses(Optional<BankBoardWiring> bank, Optional<TrackerWiring> tracker,
      Optional<RailWiring> rail) {
    List<IoUse> uses = new ArrayList<>();
    bank.ifPresent(b -> bankUses(b, uses));
    tracker.ifPresent(t -> trackerUses(t, uses));
    rail.ifPresent(r -> railUses(r, uses));
    return List.copyOf(uses);
  }

  private static void bankUses(BankBoardWiring b, List<IoUse> uses) {
    uses.add(IoUse.i2c(BANK, "pack-monitor", b.bus(), b.pack().address()));
    for (int i = 0; i < b.adcAddresses().size(); i++) {
      uses.add(IoUse.i2c(BANK, "cell-adc[" + i + "]", b.bus(), b.adcAddresses().get(i)));
    }
    for (int i = 0; i < b.expanderAddresses().size(); i++) {
      uses.add(IoUse.i2c(BANK, "bleed-expander[" + i + "]", b.bus(), b.expanderAddresses().get(i)));
    }
    contactorUses("main", b.main(), uses);
    contactorUses("discharge", b.discharge(), uses);
    uses.add(IoUse.gpio(BANK, Kind.PWM, "charger", b.chargerPwm()));
    if (!b.thermometers().isEmpty()) {
      uses.add(new IoUse(BANK, Kind.ONE_WIRE, "bank.thermometers", 0, 0));
    }
  }

  private static void contactorUses(String which, BankBoardWiring.ContactorPins pins, List<IoUse> uses) {
    uses.add(IoUse.gpio(BANK, Kind.DIGITAL_OUTPUT, "contactors." + which + ".coil", pins.coil()));
    uses.add(IoUse.gpio(BANK, Kind.DIGITAL_INPUT, "contactors." + which + ".feedback", pins.feedback()));
  }

  private static void trackerUses(TrackerWiring t, List<IoUse> uses) {
    uses.add(IoUse.i2c(TRACKER, "azimuth.encoder", t.azimuthEncoder().bus(), t.azimuthEncoder().address()));
    uses.add(IoUse.i2c(TRACKER, "elevation.encoder", t.elevationEncoder().bus(), t.elevationEncoder().address()));
    uses.add(IoUse.i2c(TRACKER, "sun-adc", t.sunSensorAdc().bus(), t.sunSensorAdc().address()));
    axisUses("azimuth", t.azimuthPins(), uses);
    axisUses("elevation", t.elevationPins(), uses);
    uses.add(IoUse.gpio(TRACKER, Kind.DIGITAL_INPUT, "elevation.lower-limit", t.elevationLowerLimitPin()));
    uses.add(IoUse.gpio(TRACKER, Kind.DIGITAL_INPUT, "elevation.upper-limit", t.elevationUpperLimitPin()));
  }

  private static void axisUses(String axis, TrackerWiring.AxisPins pins, List<IoUse> uses) {
    uses.add(IoUse.gpio(TRACKER, Kind.DIGITAL_OUTPUT, axis + ".step", pins.step()));
    uses.add(IoUse.gpio(TRACKER, Kind.DIGITAL_OUTPUT, axis + ".direction", pins.direction()));
    uses.add(IoUse.gpio(TRACKER, Kind.DIGITAL_OUTPUT, axis + ".enable-n", pins.enableN()));
    uses.add(IoUse.gpio(TRACKER, Kind.DIGITAL_INPUT, axis + ".fault-n", pins.faultN()));
  }

  private static void railUses(RailWiring r, List<IoUse> uses) {
    uses.add(new IoUse(RAIL, Kind.SPI, "rail.frontend", r.spiBus(), r.chipSelect()));
    uses.add(IoUse.gpio(RAIL, Kind.DIGITAL_INPUT, "breech-latched", r.breechLatchedPin()));
    uses.add(IoUse.gpio(RAIL, Kind.DIGITAL_INPUT, "rail-clear", r.railClearPin()));
    uses.add(IoUse.gpio(RAIL, Kind.DIGITAL_OUTPUT, "arm", r.armPin()));
    uses.add(IoUse.gpio(RAIL, Kind.DIGITAL_OUTPUT, "fire-permit", r.firePermitPin()));
  }
}
