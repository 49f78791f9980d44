package space.lunarbase.fsw.core.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import space.lunarbase.proto.v1.CommandBody;

/**
 * Reads an authenticated {@code CommandBody} where it lies in the received message, allocating
 * nothing: the counter, expiry, target, command name and request id, and whether a text argument
 * has a given value. So a stale command (another controller's, expired, replayed) or one over its
 * key's rate limit is judged in a flood without parsing, and a safing command is recognised before
 * any object is made.
 *
 * <p>{@link #scan} refuses what protobuf's parser followed by the unknown-fields check refuses at
 * the top level: a tag or length that is not a valid varint, a field other than 1 to 7 or one with
 * another wire type than its declaration's, a length beyond the end, a string that is not UTF-8.
 * Like protobuf it takes the last occurrence of a field. The arguments (field 6) are checked later,
 * by the parser. Not thread-safe: one per thread.
 */
final class BodyScan {

  private static final int COUNTER = 1 << 3;
  private static final int EXPIRES = (2 << 3) | 1;
  private static final int SITE = (3 << 3) | 2;
  private static final int CONTROLLER = (4 << 3) | 2;
  private static final int COMMAND = (5 << 3) | 2;
  private static final int ARGS = (6 << 3) | 2;
  private static final int REQUEST = 7 << 3;
  private static final int ENTRY_KEY = (1 << 3) | 2;
  private static final int ENTRY_VALUE = (2 << 3) | 2;
  private static final int VALUE_NUMBER = (1 << 3) | 1;
  private static final int VALUE_INTEGER = 2 << 3;
  private static final int VALUE_FLAG = 3 << 3;
  private static final int VALUE_TEXT = (4 << 3) | 2;
  private static final int VALUE_DATA = (5 << 3) | 2;
  private static final int MAX_GROUP_DEPTH = 100;

  private byte[] bytes = new byte[0];
  private int start;
  private int end;
  private int position;
  private long counter;
  private long expiresNs;
  private long requestId;
  private int siteOffset;
  private int siteLength;
  private int controllerOffset;
  private int controllerLength;
  private int commandOffset;
  private int commandLength;

  /** Scans {@code bytes[offset, offset+length)}; returns whether they are a CommandBody at the top level. */
  boolean scan(byte[] message, int offset, int length) {
    bytes = message;
    start = offset;
    end = offset + length;
    position = offset;
    counter = 0;
    expiresNs = 0;
    requestId = 0;
    siteLength = 0;
    controllerLength = 0;
    commandLength = 0;
    while (position < end) {
      int tag = tag(end);
      if (position < 0) {
        return false;
      }
      switch (tag) {
        case COUNTER, REQUEST -> {
          long value = uint64(end);
          if (position < 0) {
            return false;
          }
          if (tag == COUNTER) {
            counter = value;
          } else {
            requestId = value;
          }
        }
        case EXPIRES -> {
          if (end - position < 8) {
            return false;
          }
          expiresNs = fixed64(position);
          position += 8;
        }
        case SITE, CONTROLLER, COMMAND, ARGS -> {
          int size = length(end);
          if (size < 0) {
            return false;
          }
          if (tag != ARGS && !EnvelopeScan.Utf8.valid(bytes, position, size)) {
            return false;
          }
          if (tag == SITE) {
            siteOffset = position;
            siteLength = size;
          } else if (tag == CONTROLLER) {
            controllerOffset = position;
            controllerLength = size;
          } else if (tag == COMMAND) {
            commandOffset = position;
            commandLength = size;
          }
          position += size;
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  long counter() {
    return counter;
  }

  long expiresNs() {
    return expiresNs;
  }

  long requestId() {
    return requestId;
  }

  /** Whether {@code site_id} is exactly {@code utf8}. */
  boolean siteIs(byte[] utf8) {
    return Arrays.equals(bytes, siteOffset, siteOffset + siteLength, utf8, 0, utf8.length);
  }

  /** Whether {@code controller_id} is exactly {@code utf8}. */
  boolean controllerIs(byte[] utf8) {
    return Arrays.equals(bytes, controllerOffset, controllerOffset + controllerLength, utf8, 0, utf8.length);
  }

  /** Whether {@code command} is exactly {@code utf8}. */
  boolean commandIs(byte[] utf8) {
    return Arrays.equals(bytes, commandOffset, commandOffset + commandLength, utf8, 0, utf8.length);
  }

  /**
   * Whether the argument named {@code name} is a text equal to {@code value}, as the parsed map
   * would have it: the last entry with that key counts, and in it the last kind of value set (an
   * entry's value given twice is merged, as protobuf merges it). False for what the scan cannot read.
   */
  boolean textArgumentIs(byte[] name, byte[] value) {
    boolean matches = false;
    position = start;
    while (position < end) {
      int tag = tag(end);
      if (position < 0) {
        return false;
      }
      if (tag == ARGS) {
        int size = length(end);
        if (size < 0) {
          return false;
        }
        int entryEnd = position + size;
        int found = entry(entryEnd, name, value);
        if (found < 0) {
          return false;
        }
        if (found > 0) {
          matches = found == 2;
        }
        position = entryEnd;
      } else if (!skip(tag, end, 0)) {
        return false;
      }
    }
    return matches;
  }

  /**
   * One map entry ending at {@code entryEnd}: 0 if its key is not {@code name}, 1 if it is and its
   * value is not the text {@code value}, 2 if it is; -1 if unreadable.
   */
  private int entry(int entryEnd, byte[] name, byte[] value) {
    int keyOffset = 0;
    int keyLength = 0;
    boolean text = false;
    int textOffset = 0;
    int textLength = 0;
    while (position < entryEnd) {
      int tag = tag(entryEnd);
      if (position < 0) {
        return -1;
      }
      if (tag == ENTRY_KEY) {
        int size = length(entryEnd);
        if (size < 0) {
          return -1;
        }
        keyOffset = position;
        keyLength = size;
        position += size;
      } else if (tag == ENTRY_VALUE) {
        int size = length(entryEnd);
        if (size < 0) {
          return -1;
        }
        int valueEnd = position + size;
        while (position < valueEnd) {
          int field = tag(valueEnd);
          if (position < 0) {
            return -1;
          }
          if (field == VALUE_INTEGER || field == VALUE_FLAG) {
            uint64(valueEnd);
            if (position < 0) {
              return -1;
            }
            text = false;
          } else if (field == VALUE_TEXT) {
            int length = length(valueEnd);
            if (length < 0) {
              return -1;
            }
            text = true;
            textOffset = position;
            textLength = length;
            position += length;
          } else {
            if (!skip(field, valueEnd, 0)) {
              return -1;
            }
            if (field == VALUE_NUMBER || field == VALUE_DATA) {
              text = false; // another kind of the oneof set after the text
            }
          }
        }
      } else if (!skip(tag, entryEnd, 0)) {
        return -1;
      }
    }
    if (!Arrays.equals(bytes, keyOffset, keyOffset + keyLength, name, 0, name.length)) {
      return 0;
    }
    return text && Arrays.equals(bytes, textOffset, textOffset + textLength, value, 0, value.length) ? 2 : 1;
  }

  /** {@code site_id} as text (allocates). */
  String siteText() {
    return new String(bytes, siteOffset, siteLength, StandardCharsets.UTF_8);
  }

  /** {@code controller_id} as text (allocates). */
  String controllerText() {
    return new String(bytes, controllerOffset, controllerLength, StandardCharsets.UTF_8);
  }

  /** A body holding what the scan read that an ack echoes (request id, counter, command); allocates. */
  CommandBody echo() {
    return CommandBody.newBuilder().setRequestId(requestId).setCounter(counter)
        .setCommand(new String(bytes, commandOffset, commandLength, StandardCharsets.UTF_8)).build();
  }

  /** Skips the field whose tag was just read, up to {@code limit}; false if it is not well formed. */
  private boolean skip(int tag, int limit, int depth) {
    switch (tag & 7) {
      case 0 -> {
        varint(limit);
        return position >= 0;
      }
      case 1 -> {
        position += 8;
        return position <= limit;
      }
      case 2 -> {
        int size = length(limit);
        if (size < 0) {
          return false;
        }
        position += size;
        return true;
      }
      case 3 -> {
        if (depth >= MAX_GROUP_DEPTH || (tag >>> 3) == 0) {
          return false;
        }
        while (position < limit) {
          int inner = tag(limit);
          if (position < 0) {
            return false;
          }
          if (inner == ((tag & ~7) | 4)) {
            return true;
          }
          if (!skip(inner, limit, depth + 1)) {
            return false;
          }
        }
        return false;
      }
      case 5 -> {
        position += 4;
        return position <= limit;
      }
      default -> {
        return false;
      }
    }
  }

  /** A tag as protobuf reads one (a varint's low 32 bits); {@code position} -1 if it is not a varint. */
  private int tag(int limit) {
    return (int) varint(limit);
  }

  /** A length-delimited field's length (low 32 bits, as protobuf), checked against {@code limit}; -1 if bad. */
  private int length(int limit) {
    int size = (int) varint(limit);
    if (position < 0 || size < 0 || size > limit - position) {
      return -1;
    }
    return size;
  }

  /**
   * A varint as protobuf skips one or reads a tag or a length: up to 10 bytes, low 64 bits kept; on
   * a bad one (longer, or past {@code limit}) {@code position} becomes -1, which callers check.
   */
  private long varint(int limit) {
    return varint(limit, false);
  }

  /**
   * A varint as protobuf reads a uint64 field ({@code readRawVarint64}): as {@link #varint(int)},
   * except that with at least 10 bytes left its fast path takes a 10th byte whose lowest bit is set
   * whatever its continuation bit says.
   */
  private long uint64(int limit) {
    return varint(limit, true);
  }

  private long varint(int limit, boolean lenientTenth) {
    int begin = position;
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position < 0 || position >= limit) {
        position = -1;
        return -1;
      }
      byte b = bytes[position++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0 || (lenientTenth && shift == 63 && (b & 1) == 1 && limit - begin >= 10)) {
        return result;
      }
    }
    position = -1;
    return -1;
  }

  private long fixed64(int at) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[at + i] & 0xff);
    }
    return value;
  }
}
