package space.lunarbase.fsw.core.command;

/**
 * A first look at a received message's bytes that allocates nothing: walks the protobuf wire format
 * of {@code SignedCommand {bytes body = 1; string key_id = 2; bytes mac = 3;}} and notes where
 * {@code body}, {@code key_id} and {@code mac} lie, so a flood of garbage is judged (key looked up,
 * MAC checked in place) before any object is made.
 *
 * <p>It refuses exactly what {@code SignedCommand.parseFrom} followed by the unknown-fields check
 * refuses: a tag or length that is not a valid varint, a field number 0, a length beyond the end, a
 * field other than 1 to 3 or one not length-delimited (wire type 2), a {@code key_id} that is not
 * UTF-8. Like protobuf, it takes the last occurrence of a repeated field and accepts non-minimal
 * varints. Not thread-safe: the dispatcher's thread owns one.
 */
final class EnvelopeScan {

  /** What is wrong with the bytes, if anything. */
  enum Defect {
    NONE("well-formed"),
    BAD_VARINT("a tag or length is not a valid varint"),
    BAD_TAG("field number 0"),
    TRUNCATED("a field runs past the end"),
    UNKNOWN_FIELD("a field other than body (1), key_id (2), mac (3), or not length-delimited"),
    BAD_UTF8("key_id is not UTF-8");

    private final String text;

    Defect(String text) {
      this.text = text;
    }
  }

  private static final int BODY = (1 << 3) | 2;
  private static final int KEY_ID = (2 << 3) | 2;
  private static final int MAC = (3 << 3) | 2;

  private int position;
  private Defect defect = Defect.NONE;
  private int defectAt;
  private int keyOffset;
  private int keyLength;
  private int bodyOffset;
  private int bodyLength;
  private int macOffset;
  private int macLength;

  /** Scans {@code bytes}; returns whether they are a well-formed SignedCommand envelope. */
  boolean scan(byte[] bytes) {
    position = 0;
    keyOffset = 0;
    keyLength = 0;
    bodyOffset = 0;
    bodyLength = 0;
    macOffset = 0;
    macLength = 0;
    defect = Defect.NONE;
    while (position < bytes.length) {
      int at = position;
      long tag = varint32(bytes);
      if (tag < 0) {
        return fail(Defect.BAD_VARINT, at);
      }
      if ((tag >>> 3) == 0) {
        return fail(Defect.BAD_TAG, at);
      }
      if (tag != BODY && tag != KEY_ID && tag != MAC) {
        return fail(Defect.UNKNOWN_FIELD, at);
      }
      long length = varint32(bytes);
      if (length < 0) {
        return fail(Defect.BAD_VARINT, at);
      }
      int size = (int) length;
      if (size < 0 || size > bytes.length - position) {
        return fail(Defect.TRUNCATED, at);
      }
      if (tag == KEY_ID) {
        if (!Utf8.valid(bytes, position, size)) {
          return fail(Defect.BAD_UTF8, at);
        }
        keyOffset = position;
        keyLength = size;
      } else if (tag == BODY) {
        bodyOffset = position;
        bodyLength = size;
      } else {
        macOffset = position;
        macLength = size;
      }
      position += size;
    }
    return true;
  }

  /** Where {@code key_id}'s bytes start (valid after a successful scan). */
  int keyOffset() {
    return keyOffset;
  }

  /** How many bytes {@code key_id} has (0 when absent). */
  int keyLength() {
    return keyLength;
  }

  /** Where {@code body}'s bytes start (valid after a successful scan). */
  int bodyOffset() {
    return bodyOffset;
  }

  /** How many bytes {@code body} has (0 when absent). */
  int bodyLength() {
    return bodyLength;
  }

  /** Where {@code mac}'s bytes start (valid after a successful scan). */
  int macOffset() {
    return macOffset;
  }

  /** How many bytes {@code mac} has (0 when absent). */
  int macLength() {
    return macLength;
  }

  /** What the last scan found wrong. */
  Defect defect() {
    return defect;
  }

  /** The last scan's defect for a person, e.g. "a field runs past the end (at byte 12)". */
  String describe() {
    return defect == Defect.NONE ? defect.text : defect.text + " (at byte " + defectAt + ")";
  }

  private boolean fail(Defect found, int at) {
    defect = found;
    defectAt = at;
    return false;
  }

  /**
   * A varint read as protobuf's {@code readRawVarint32} reads it: the low 32 bits of up to 10
   * bytes, as an unsigned value; -1 if it is longer or runs past the end.
   */
  private long varint32(byte[] bytes) {
    int result = 0;
    for (int i = 0; i < 10; i++) {
      if (position >= bytes.length) {
        return -1;
      }
      byte b = bytes[position++];
      if (i < 5) {
        result |= (b & 0x7f) << (7 * i);
      }
      if (b >= 0) {
        return result & 0xffff_ffffL;
      }
    }
    return -1;
  }

  /** Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), as protobuf checks strings. */
  static final class Utf8 {

    private Utf8() {}

    static boolean valid(byte[] bytes, int offset, int length) {
      int i = offset;
      int end = offset + length;
      while (i < end) {
        int b = bytes[i] & 0xff;
        if (b < 0x80) {
          i++;
          continue;
        }
        int extra;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
          extra = 1;
          min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
          extra = 2;
          min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
          extra = 3;
          min = 0x10000;
        } else {
          return false;
        }
        if (end - i <= extra) {
          return false;
        }
        int code = b & (0x3f >> extra);
        for (int k = 1; k <= extra; k++) {
          int c = bytes[i + k] & 0xff;
          if ((c & 0xc0) != 0x80) {
            return false;
          }
          code = (code << 6) | (c & 0x3f);
        }
        if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          return false;
        }
        i += extra + 1;
      }
      return true;
    }
  }
}
