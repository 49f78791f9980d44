package space.lunarbase.hal.device.railfe;

import java.util.Arrays;

/**
 * The LBRF SPI frame format and register map ({@code hal/docs/rail-frontend-spec.md} &sect;2-4):
 * constants, CRC-8 and the encoding of requests and checking of responses, shared by the driver
 * and its tests. A transaction is {@code LEN + 7} bytes: request ({@code CMD LEN [DATA] CRCq}),
 * one turnaround byte, response ({@code ECHO RESP [DATA] CRCr}); multi-byte fields little-endian.
 */
public final class RailFrontEndProtocol {

  /** CMD bit 7: read. */
  public static final int READ = 0x80;
  /** Largest payload of one transaction. */
  public static final int MAX_LEN = 240;
  /** Bytes of a transaction besides its payload. */
  public static final int OVERHEAD = 7;

  public static final int REG_ID = 0x00;
  public static final int REG_VERSION = 0x01;
  public static final int REG_CAPS = 0x02;
  public static final int REG_STATUS = 0x04;
  public static final int REG_CONTROL = 0x05;
  public static final int REG_TABLE_INDEX = 0x10;
  public static final int REG_TABLE_ENTRY = 0x11;
  public static final int REG_TABLE_COMMIT = 0x12;
  public static final int REG_TABLE_INFO = 0x13;
  public static final int REG_TIME = 0x20;
  public static final int REG_FIFO_COUNT = 0x21;
  public static final int REG_FIFO_DATA = 0x22;
  public static final int REG_FIFO_REPEAT = 0x23;
  public static final int REG_RAIL_TEMP = 0x30;
  public static final int REG_COIL_CURRENT = 0x31;

  /** ID register content, ASCII "LBRF". */
  public static final byte[] ID = {0x4C, 0x42, 0x52, 0x46};
  public static final int VERSION_MAJOR = 1;

  public static final int RESP_OK = 0x00;
  public static final int RESP_BAD_CRC = 0x01;
  public static final int RESP_BAD_REGISTER = 0x02;
  public static final int RESP_BAD_LENGTH = 0x03;
  public static final int RESP_READ_ONLY = 0x04;
  public static final int RESP_BAD_KEY = 0x05;
  public static final int RESP_LOCKED = 0x06;
  public static final int RESP_BAD_CHECKSUM = 0x07;

  public static final int OP_DISARM = 0x00;
  public static final int OP_ARM_KEY1 = 0x01;
  public static final int OP_ARM_KEY2 = 0x02;
  public static final int OP_CLEAR_FIFO = 0x03;
  public static final int OP_FIRE = 0x04;
  public static final int ARM_KEY1_ARG = 0x5A;
  public static final int ARM_KEY2_ARG = 0xA5;
  public static final int FIRE_ARG = 0xF1;

  public static final int STATUS_ARMED = 1;
  public static final int STATUS_FIFO_OVERFLOW = 1 << 1;
  public static final int STATUS_TABLE_VALID = 1 << 2;
  public static final int STATUS_FIRING = 1 << 3;
  public static final int STATUS_FIRE_PERMIT = 1 << 4;
  public static final int STATUS_COIL_FAULT = 1 << 8;
  public static final int STATUS_THERMISTOR_FAULT = 1 << 9;

  /** Event record size and types (&sect;7). */
  public static final int RECORD_SIZE = 16;
  public static final int MAX_RECORDS_PER_READ = MAX_LEN / RECORD_SIZE;
  public static final int FIFO_DEPTH = 1024;
  public static final int TYPE_EMPTY = 0x00;
  public static final int TYPE_GATE = 0x01;
  public static final int TYPE_COIL_TRIGGER = 0x02;
  public static final int TYPE_COIL_CURRENT = 0x03;

  public static final int MAX_GATES = 64;
  public static final int MAX_COILS = 16;
  public static final int THERMISTOR_CHANNELS = 8;
  /** RAIL_TEMP: 0.01 degC per LSB; this raw value means open or shorted. */
  public static final double TEMP_LSB_C = 0.01;
  public static final int TEMP_OPEN = 0x8000;
  /** Coil current: 1 A per LSB. */
  public static final double CURRENT_LSB_A = 1.0;

  private RailFrontEndProtocol() {}

  /** CRC-8/AUTOSAR: polynomial 0x2F, init 0xFF, not reflected, final XOR 0xFF. Check "123456789" = 0xDF. */
  public static int crc8(byte[] data, int offset, int length) {
    int crc = 0xFF;
    for (int i = offset; i < offset + length; i++) {
      crc ^= data[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x80) != 0 ? (crc << 1 ^ 0x2F) & 0xFF : crc << 1 & 0xFF;
      }
    }
    return crc ^ 0xFF;
  }

  /** The MOSI bytes of a read of {@code length} bytes of {@code register}, padded to the whole transaction. */
  public static byte[] readRequest(int register, int length) {
    checkHeader(register, length);
    byte[] tx = new byte[length + OVERHEAD];
    tx[0] = (byte) (READ | register);
    tx[1] = (byte) length;
    tx[2] = (byte) crc8(tx, 0, 2);
    return tx;
  }

  /** The MOSI bytes of a write of {@code data} to {@code register}, padded to the whole transaction. */
  public static byte[] writeRequest(int register, byte[] data) {
    checkHeader(register, data.length);
    byte[] tx = new byte[data.length + OVERHEAD];
    tx[0] = (byte) register;
    tx[1] = (byte) data.length;
    System.arraycopy(data, 0, tx, 2, data.length);
    tx[2 + data.length] = (byte) crc8(tx, 0, 2 + data.length);
    return tx;
  }

  /** Where the response starts in a transaction: after the request and the turnaround byte. */
  public static int responseOffset(byte[] tx) {
    boolean read = (tx[0] & READ) != 0;
    return (read ? 3 : 3 + (tx[1] & 0xFF)) + 1;
  }

  /**
   * Checks the response part of {@code rx} against the request {@code tx} and returns its payload
   * (empty for writes).
   *
   * @throws FrameException on an echo or CRC mismatch, or a response code other than OK
   */
  public static byte[] checkResponse(byte[] tx, byte[] rx) {
    int at = responseOffset(tx);
    boolean read = (tx[0] & READ) != 0;
    int payload = read ? tx[1] & 0xFF : 0;
    int crcAt = at + 2 + payload;
    int crc = crc8(rx, at, 2 + payload);
    if ((rx[crcAt] & 0xFF) != crc) {
      throw new FrameException(FrameException.Kind.CRC, String.format(
          "response CRC mismatch: received 0x%02X, computed 0x%02X", rx[crcAt] & 0xFF, crc));
    }
    if (rx[at] != tx[0]) {
      throw new FrameException(FrameException.Kind.ECHO, String.format(
          "response echoes command 0x%02X, sent 0x%02X", rx[at] & 0xFF, tx[0] & 0xFF));
    }
    int resp = rx[at + 1] & 0xFF;
    if (resp != RESP_OK) {
      throw new FrameException(FrameException.Kind.REFUSED, String.format(
          "device refused command 0x%02X: %s", tx[0] & 0xFF, responseName(resp)));
    }
    return Arrays.copyOfRange(rx, at + 2, at + 2 + payload);
  }

  /** The spec's name of a response code, e.g. {@code LOCKED (0x06)}. */
  public static String responseName(int code) {
    String name = switch (code) {
      case RESP_OK -> "OK";
      case RESP_BAD_CRC -> "BAD_CRC";
      case RESP_BAD_REGISTER -> "BAD_REGISTER";
      case RESP_BAD_LENGTH -> "BAD_LENGTH";
      case RESP_READ_ONLY -> "READ_ONLY";
      case RESP_BAD_KEY -> "BAD_KEY";
      case RESP_LOCKED -> "LOCKED";
      case RESP_BAD_CHECKSUM -> "BAD_CHECKSUM";
      default -> "unknown response";
    };
    return String.format("%s (0x%02X)", name, code);
  }

  /** Little-endian unsigned 16 bits at {@code offset}. */
  public static int u16(byte[] b, int offset) {
    return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
  }

  /** Little-endian 64 bits at {@code offset}. */
  public static long u64(byte[] b, int offset) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = v << 8 | (b[offset + i] & 0xFF);
    }
    return v;
  }

  /** Writes {@code value} little-endian into {@code bytes} bytes at {@code offset}. */
  public static void putLe(byte[] b, int offset, long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      b[offset + i] = (byte) (value >>> 8 * i);
    }
  }

  private static void checkHeader(int register, int length) {
    if (register < 0 || register > 0x7E) {
      throw new IllegalArgumentException(String.format("register must be 0x00..0x7E, was 0x%X", register));
    }
    if (length < 1 || length > MAX_LEN) {
      throw new IllegalArgumentException("length must be 1.." + MAX_LEN + ", was " + length);
    }
  }
}
