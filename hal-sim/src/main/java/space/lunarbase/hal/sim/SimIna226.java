package space.lunarbase.hal.sim;

import java.io.IOException;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A simulated INA226 measuring a {@link CapacitorStringPlant} at its terminal: bus voltage is the
 * pack voltage, shunt voltage is the pack current times the shunt resistance, each quantised to
 * the chip's LSB (1.25 mV, 2.5 uV) and clamped to its register range. Current and power registers
 * are computed as the chip does, from the Calibration register the driver wrote
 * (Current = Shunt &times; CAL / 2048, Power = |Current| &times; Bus / 20000), and read 0 until
 * it is set; a Current register result beyond 16 bits saturates (the datasheet leaves it
 * unspecified). Configuration bit 15 restores every register's default. Averaging and conversion
 * timing are not modelled: every read sees the plant now.
 *
 * <p>Faults: {@link #injectNack(boolean)}, {@link #injectStuckBusRegister(Integer)},
 * {@link #injectWrongId(int)}.
 */
public final class SimIna226 extends WordRegisterChip {

  static final int CONFIGURATION = 0x00;
  static final int SHUNT_VOLTAGE = 0x01;
  static final int BUS_VOLTAGE = 0x02;
  static final int POWER = 0x03;
  static final int CURRENT = 0x04;
  static final int CALIBRATION = 0x05;
  static final int MASK_ENABLE = 0x06;
  static final int ALERT_LIMIT = 0x07;
  static final int MANUFACTURER_ID = 0xFE;
  static final int DIE_ID = 0xFF;

  static final int CONFIGURATION_DEFAULT = 0x4127;
  static final int MANUFACTURER_TI = 0x5449;
  static final int DIE_INA226 = 0x2260;
  private static final double BUS_LSB_V = 1.25e-3;
  private static final double SHUNT_LSB_V = 2.5e-6;

  private final DoubleSupplier packVolts;
  private final DoubleSupplier packAmps;
  private final double shuntOhms;

  private int configuration = CONFIGURATION_DEFAULT;
  private int calibration;
  private int maskEnable;
  private int alertLimit;
  private int manufacturerId = MANUFACTURER_TI;
  private boolean nack;
  private Integer stuckBus;

  public SimIna226(CapacitorStringPlant plant, double shuntOhms) {
    this(Objects.requireNonNull(plant, "plant")::packVoltage, plant::current, shuntOhms);
  }

  /** A chip measuring any pack: its terminal voltage and its current (positive charging). */
  public SimIna226(DoubleSupplier packVolts, DoubleSupplier packAmps, double shuntOhms) {
    this.packVolts = Objects.requireNonNull(packVolts, "packVolts");
    this.packAmps = Objects.requireNonNull(packAmps, "packAmps");
    if (!(shuntOhms > 0) || !Double.isFinite(shuntOhms)) {
      throw new IllegalArgumentException("shuntOhms must be positive and finite, was " + shuntOhms);
    }
    this.shuntOhms = shuntOhms;
  }

  /** While on, every transaction fails as an unanswered address does. */
  public synchronized void injectNack(boolean on) {
    nack = on;
  }

  /** Freezes the Bus voltage register at {@code raw} (0..0xFFFF); {@code null} releases it. */
  public synchronized void injectStuckBusRegister(Integer raw) {
    if (raw != null && (raw < 0 || raw > 0xFFFF)) {
      throw new IllegalArgumentException("a register holds 0..0xFFFF, was " + raw);
    }
    stuckBus = raw;
  }

  /** Makes the Manufacturer ID register read {@code id} (0x5449 is the real one). */
  public synchronized void injectWrongId(int id) {
    manufacturerId = id & 0xFFFF;
  }

  /** Clears every injected fault. */
  public synchronized void clearFaults() {
    nack = false;
    stuckBus = null;
    manufacturerId = MANUFACTURER_TI;
  }

  /** The Calibration register as the driver left it. */
  public synchronized int calibration() {
    return calibration;
  }

  /** The Configuration register as the driver left it. */
  public synchronized int configuration() {
    return configuration;
  }

  @Override
  protected void acknowledge() throws IOException {
    if (nack) {
      throw new IOException("NACK from simulated INA226 (injected fault)");
    }
  }

  @Override
  protected int readWord(int register) throws IOException {
    return switch (register) {
      case CONFIGURATION -> configuration;
      case SHUNT_VOLTAGE -> shuntRaw() & 0xFFFF;
      case BUS_VOLTAGE -> busRaw();
      case POWER -> power();
      case CURRENT -> currentRaw() & 0xFFFF;
      case CALIBRATION -> calibration;
      case MASK_ENABLE -> maskEnable;
      case ALERT_LIMIT -> alertLimit;
      case MANUFACTURER_ID -> manufacturerId;
      case DIE_ID -> DIE_INA226;
      default -> 0;
    };
  }

  @Override
  protected void writeWord(int register, int value) {
    switch (register) {
      case CONFIGURATION -> {
        if ((value & 0x8000) != 0) {
          reset();
        } else {
          configuration = value;
        }
      }
      case CALIBRATION -> calibration = value & 0x7FFF;
      case MASK_ENABLE -> maskEnable = value;
      case ALERT_LIMIT -> alertLimit = value;
      default -> {
        // read-only or unimplemented: the chip acknowledges and ignores the write
      }
    }
  }

  private void reset() {
    configuration = CONFIGURATION_DEFAULT;
    calibration = 0;
    maskEnable = 0;
    alertLimit = 0;
  }

  private int busRaw() {
    if (stuckBus != null) {
      return stuckBus;
    }
    return clamp(Math.round(packVolts.getAsDouble() / BUS_LSB_V), 0, 0x7FFF);
  }

  private int shuntRaw() {
    return clamp(Math.round(packAmps.getAsDouble() * shuntOhms / SHUNT_LSB_V), Short.MIN_VALUE, Short.MAX_VALUE);
  }

  private int currentRaw() {
    return clamp((long) shuntRaw() * calibration / 2048, Short.MIN_VALUE, Short.MAX_VALUE);
  }

  private int power() {
    return clamp(Math.abs((long) currentRaw()) * (busRaw() & 0x7FFF) / 20000, 0, 0xFFFF);
  }

  private static int clamp(long value, int min, int max) {
    return (int) Math.max(min, Math.min(max, value));
  }
}
