package space.lunarbase.hal.bank;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import space.lunarbase.hal.DeviceException;
import space.lunarbase.hal.Quality;
import space.lunarbase.hal.device.mcp23017.Mcp23017;

/**
 * The per-cell bleed switches on one or more MCP23017 expanders, one output pin per cell. Keeps
 * the commanded pattern and writes a whole expander at a time. When an expander is found reset
 * (a brown-out makes every pin an input, so no cell bleeds), a command restarts it once and
 * re-applies the pattern before giving up.
 */
public final class BleedSwitches {

  /** Where cell {@code i}'s bleed switch is: expander index and pin 0..15. */
  public record Pin(int expander, int pin) {}

  private final List<Mcp23017> expanders;
  private final List<Pin> pins;
  private final boolean[] commanded;

  /** @param pins cell i's pin at index i */
  public BleedSwitches(List<Mcp23017> expanders, List<Pin> pins) {
    this.expanders = List.copyOf(expanders);
    this.pins = List.copyOf(pins);
    this.commanded = new boolean[pins.size()];
    for (int cell = 0; cell < this.pins.size(); cell++) {
      Pin p = this.pins.get(cell);
      Objects.checkIndex(p.expander(), this.expanders.size());
      if ((this.expanders.get(p.expander()).outputMask() >>> p.pin() & 1) == 0) {
        throw new IllegalArgumentException("cell " + cell + ": pin " + p.pin() + " of expander "
            + this.expanders.get(p.expander()).name() + " is not one of its outputs");
      }
    }
  }

  /** Sets cell {@code cell}'s switch; on failure the command is kept and re-sent by the next one. */
  public synchronized void set(int cell, boolean on) {
    Objects.checkIndex(cell, commanded.length);
    commanded[cell] = on;
    int expander = pins.get(cell).expander();
    Mcp23017 device = expanders.get(expander);
    int mask = maskOf(expander);
    try {
      device.writeOutputs(mask);
    } catch (DeviceException e) {
      if (!isReset(device)) {
        throw e;
      }
      device.start();
      device.writeOutputs(mask);
    }
  }

  /** The commanded pattern and the pins read back. */
  public synchronized BalancingReading read(Instant time) {
    List<Boolean> wanted = new ArrayList<>();
    for (boolean b : commanded) {
      wanted.add(b);
    }
    int[] levels = new int[expanders.size()];
    for (int e = 0; e < expanders.size(); e++) {
      Mcp23017 device = expanders.get(e);
      try {
        int direction = device.readDirection();
        if (direction != device.direction()) {
          return new BalancingReading(time, wanted, List.of(), Quality.FAILED, String.format(
              "%s: IODIR reads 0x%04X, expected 0x%04X: the expander has reset, no cell is bleeding",
              device.name(), direction, device.direction()));
        }
        levels[e] = device.readPins();
      } catch (DeviceException ex) {
        return new BalancingReading(time, wanted, List.of(), Quality.FAILED, ex.getMessage());
      }
    }
    List<Boolean> bleeding = new ArrayList<>();
    StringBuilder mismatch = new StringBuilder();
    for (int cell = 0; cell < pins.size(); cell++) {
      Pin p = pins.get(cell);
      boolean on = (levels[p.expander()] >>> p.pin() & 1) != 0;
      bleeding.add(on);
      if (on != commanded[cell]) {
        mismatch.append(mismatch.isEmpty() ? "" : ", ").append("cell ").append(cell)
            .append(commanded[cell] ? " commanded on, pin reads off" : " commanded off, pin reads on");
      }
    }
    return mismatch.isEmpty()
        ? new BalancingReading(time, wanted, bleeding, Quality.GOOD, "")
        : new BalancingReading(time, wanted, bleeding, Quality.OUT_OF_RANGE, "bleed switches: " + mismatch);
  }

  private int maskOf(int expander) {
    int mask = 0;
    for (int cell = 0; cell < pins.size(); cell++) {
      if (commanded[cell] && pins.get(cell).expander() == expander) {
        mask |= 1 << pins.get(cell).pin();
      }
    }
    return mask;
  }

  private static boolean isReset(Mcp23017 device) {
    try {
      return device.readDirection() == Mcp23017.POWER_ON_IODIR;
    } catch (DeviceException e) {
      return false;
    }
  }
}
