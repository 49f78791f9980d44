package space.lunarbase.hal.device.railfe;

import static space.lunarbase.hal.device.railfe.RailFrontEndProtocol.*;

/** The STATUS register (spec &sect;4), raw 16 bits with named accessors. */
public record FrontEndStatus(int raw) {

  public boolean armed() {
    return (raw & STATUS_ARMED) != 0;
  }

  /** Records were dropped since the last CLEAR_FIFO. */
  public boolean fifoOverflow() {
    return (raw & STATUS_FIFO_OVERFLOW) != 0;
  }

  public boolean tableValid() {
    return (raw & STATUS_TABLE_VALID) != 0;
  }

  /** A fired sequence still has triggers pending. */
  public boolean firing() {
    return (raw & STATUS_FIRING) != 0;
  }

  /** The FIRE_PERMIT input's level. */
  public boolean firePermit() {
    return (raw & STATUS_FIRE_PERMIT) != 0;
  }

  /** A trigger saw no coil current since the last CLEAR_FIFO. */
  public boolean coilFault() {
    return (raw & STATUS_COIL_FAULT) != 0;
  }

  /** A thermistor channel is open or shorted now. */
  public boolean thermistorFault() {
    return (raw & STATUS_THERMISTOR_FAULT) != 0;
  }
}
