package space.lunarbase.hal.device.railfe;

import java.util.Set;

/**
 * One record of the front-end's event FIFO (spec &sect;7). Timestamps are the front-end's
 * nanosecond counter (register TIME), not wall time.
 */
public sealed interface RailEvent permits GateEvent, CoilTriggerEvent, CoilCurrentSample {

  /** The front-end counter value at the event, ns. */
  long timestampNs();

  /** The record's flags. */
  Set<EventFlag> flags();

  /** Decodes the 16-byte record at {@code offset}; null for an EMPTY record. */
  static RailEvent decode(byte[] b, int offset) {
    int type = b[offset] & 0xFF;
    int channel = b[offset + 1] & 0xFF;
    Set<EventFlag> flags = EventFlag.of(b[offset + 2] & 0xFF);
    long t = RailFrontEndProtocol.u64(b, offset + 4);
    return switch (type) {
      case RailFrontEndProtocol.TYPE_EMPTY -> null;
      case RailFrontEndProtocol.TYPE_GATE -> new GateEvent(channel, t, flags);
      case RailFrontEndProtocol.TYPE_COIL_TRIGGER -> new CoilTriggerEvent(channel, t, flags);
      case RailFrontEndProtocol.TYPE_COIL_CURRENT -> new CoilCurrentSample(channel, t,
          (short) RailFrontEndProtocol.u16(b, offset + 12) * RailFrontEndProtocol.CURRENT_LSB_A, flags);
      default -> throw new IllegalArgumentException(String.format("unknown event record type 0x%02X", type));
    };
  }
}
