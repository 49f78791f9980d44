package space.lunarbase.hal.device.railfe;

import static space.lunarbase.hal.device.railfe.RailFrontEndProtocol.putLe;

/**
 * One firing-table entry (spec &sect;6): fire {@code coil} {@code delayNs} after FIRE, or after the
 * first real crossing of {@code gate} after FIRE.
 *
 * @param coil 0..15
 * @param reference what the delay counts from
 * @param gate 0..63; 0 and ignored when the reference is FIRE
 * @param delayNs 0..2^32-1 ns
 */
public record FiringEntry(int coil, Reference reference, int gate, long delayNs) {

  /** Entry bytes on the wire. */
  public static final int SIZE = 8;

  /** What a delay counts from: mode 0 or 1 on the wire. */
  public enum Reference { FIRE, GATE }

  public FiringEntry {
    if (coil < 0 || coil >= RailFrontEndProtocol.MAX_COILS) {
      throw new IllegalArgumentException("FiringEntry.coil must be 0..15, was " + coil);
    }
    if (reference == null) {
      throw new IllegalArgumentException("FiringEntry.reference must be given");
    }
    if (gate < 0 || gate >= RailFrontEndProtocol.MAX_GATES || reference == Reference.FIRE && gate != 0) {
      throw new IllegalArgumentException("FiringEntry.gate must be 0..63 (0 when the reference is FIRE), was " + gate);
    }
    if (delayNs < 0 || delayNs > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("FiringEntry.delayNs must be 0..4294967295, was " + delayNs);
    }
  }

  /** Fire {@code coil} {@code delayNs} after FIRE. */
  public static FiringEntry afterFire(int coil, long delayNs) {
    return new FiringEntry(coil, Reference.FIRE, 0, delayNs);
  }

  /** Fire {@code coil} {@code delayNs} after the sled crosses {@code gate}. */
  public static FiringEntry afterGate(int coil, int gate, long delayNs) {
    return new FiringEntry(coil, Reference.GATE, gate, delayNs);
  }

  /** The 8 wire bytes: coil, mode, gate, 0, delay u32 little-endian. */
  public byte[] encode() {
    byte[] b = new byte[SIZE];
    b[0] = (byte) coil;
    b[1] = (byte) reference.ordinal();
    b[2] = (byte) gate;
    putLe(b, 4, delayNs, 4);
    return b;
  }

  /** Parses 8 wire bytes at {@code offset}. */
  public static FiringEntry decode(byte[] b, int offset) {
    int mode = b[offset + 1] & 0xFF;
    if (mode > 1) {
      throw new IllegalArgumentException("firing-table entry mode must be 0 or 1, was " + mode);
    }
    long delay = RailFrontEndProtocol.u16(b, offset + 4) | (long) RailFrontEndProtocol.u16(b, offset + 6) << 16;
    return new FiringEntry(b[offset] & 0xFF, Reference.values()[mode], b[offset + 2] & 0xFF, delay);
  }
}
