package space.lunarbase.fsw.link;

import java.util.Arrays;

/**
 * Marks a serialized message as replayed from the journal without parsing it. Every message a
 * controller sends carries its {@code Header} as field 1, and protobuf merges a message's fields
 * when serialized messages are concatenated; so appending the bytes of
 * {@code {1: Header{historical: true}}} sets {@code header.historical} and keeps everything else.
 */
public final class HistoricalMark {

  /** Field 1 (header), length-delimited, 2 bytes: field 7 (historical), varint, 1. */
  static final byte[] SUFFIX = {0x0A, 0x02, 0x38, 0x01};

  private HistoricalMark() {}

  /** A copy of {@code payload} whose header says historical. */
  public static byte[] mark(byte[] payload) {
    byte[] marked = Arrays.copyOf(payload, payload.length + SUFFIX.length);
    System.arraycopy(SUFFIX, 0, marked, payload.length, SUFFIX.length);
    return marked;
  }
}
