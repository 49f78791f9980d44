package space.lunarbase.fsw.link.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import space.lunarbase.fsw.core.telemetry.Outbound;

/**
 * Reads records from one segment file through a buffer, resynchronising on the next sync marker
 * that starts a valid record when it meets bytes that are not one. Never throws on file content;
 * only I/O errors escape.
 */
final class SegmentReader implements Closeable {

  private static final int WINDOW = 64 * 1024;

  /** What {@link #next} found. */
  sealed interface Step {}

  /**
   * A valid record at {@code [offset, end)}; if {@code skippedOffset >= 0}, invalid bytes started
   * there (for {@code skippedReason}) and were skipped to reach it.
   */
  record Found(long offset, long end, long index, Outbound message, long skippedOffset, String skippedReason)
      implements Step {}

  /**
   * No further valid record before the limit; if {@code invalidOffset >= 0}, the bytes from there
   * to the limit are not a valid record (for {@code reason}).
   */
  record End(long invalidOffset, String reason) implements Step {}

  private final FileChannel channel;
  private byte[] buffer = new byte[WINDOW];
  private long bufferStart;
  private int bufferLength;
  private String invalidReason;

  SegmentReader(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * The first valid record at or after {@code position} and before {@code limit} whose index is at
   * least {@code minIndex}.
   */
  Step next(long position, long limit, long minIndex) throws IOException {
    if (position >= limit) {
      return new End(-1, null);
    }
    Found found = parse(position, limit, minIndex, -1, null);
    if (found != null) {
      return found;
    }
    String reason = invalidReason;
    long candidate = position + 1;
    while ((candidate = findMagic(candidate, limit)) >= 0) {
      found = parse(candidate, limit, minIndex, position, reason);
      if (found != null) {
        return found;
      }
      candidate++;
    }
    return new End(position, reason);
  }

  private Found parse(long position, long limit, long minIndex, long skippedOffset, String skippedReason)
      throws IOException {
    if (!load(position, RecordFormat.HEADER_BYTES, limit)) {
      return invalid("incomplete header (" + (limit - position) + " bytes before the end)");
    }
    int at = (int) (position - bufferStart);
    ByteBuffer header = ByteBuffer.wrap(buffer, at, RecordFormat.HEADER_BYTES);
    int magic = header.getInt(at);
    if (magic != RecordFormat.MAGIC) {
      return invalid(String.format("bad sync marker 0x%08x", magic));
    }
    int length = header.getInt(at + 4);
    long index = header.getLong(at + 8);
    int storedCrc = header.getInt(at + RecordFormat.CRC_OFFSET);
    if (length < RecordFormat.BODY_FIXED_BYTES) {
      return invalid("bad length " + length);
    }
    long end = position + RecordFormat.HEADER_BYTES + length;
    if (end > limit) {
      return invalid("length " + length + " runs past the end of the segment");
    }
    if (!load(position, RecordFormat.HEADER_BYTES + length, limit)) {
      return invalid("record cut short");
    }
    at = (int) (position - bufferStart);
    int crc = RecordFormat.crc(buffer, at, buffer, at + RecordFormat.HEADER_BYTES, length);
    if (crc != storedCrc) {
      return invalid(String.format("bad CRC (stored 0x%08x, computed 0x%08x)", storedCrc, crc));
    }
    if (index < minIndex) {
      return invalid("index " + index + " out of order (expected at least " + minIndex + ")");
    }
    Outbound message;
    try {
      message = RecordFormat.decodeBody(buffer, at + RecordFormat.HEADER_BYTES, length);
    } catch (RuntimeException e) {
      return invalid("undecodable message: " + e.getMessage());
    }
    return new Found(position, end, index, message, skippedOffset, skippedReason);
  }

  private Found invalid(String reason) {
    invalidReason = reason;
    return null;
  }

  /** The offset of the next sync marker at or after {@code from}, or -1. */
  private long findMagic(long from, long limit) throws IOException {
    byte m0 = (byte) (RecordFormat.MAGIC >>> 24);
    byte m1 = (byte) (RecordFormat.MAGIC >>> 16);
    byte m2 = (byte) (RecordFormat.MAGIC >>> 8);
    byte m3 = (byte) RecordFormat.MAGIC;
    long position = from;
    while (position + 4 <= limit) {
      if (!load(position, 4, limit)) {
        return -1;
      }
      int last = bufferLength - 4;
      for (int i = (int) (position - bufferStart); i <= last; i++) {
        if (buffer[i] == m0 && buffer[i + 1] == m1 && buffer[i + 2] == m2 && buffer[i + 3] == m3) {
          return bufferStart + i;
        }
      }
      position = bufferStart + last + 1;
    }
    return -1;
  }

  /**
   * Makes {@code [position, position + count)} available in the buffer, reading no byte at or
   * beyond {@code limit}. False if those bytes are not all there.
   */
  private boolean load(long position, int count, long limit) throws IOException {
    if (position < 0 || position + count > limit) {
      return false;
    }
    if (position >= bufferStart && position + count <= bufferStart + bufferLength) {
      return true;
    }
    if (count > buffer.length) {
      buffer = new byte[count];
    } else if (buffer.length > WINDOW && count <= WINDOW) {
      buffer = new byte[WINDOW];
    }
    int wanted = (int) Math.min(buffer.length, limit - position);
    ByteBuffer target = ByteBuffer.wrap(buffer, 0, wanted);
    bufferStart = position;
    bufferLength = 0;
    while (target.hasRemaining()) {
      int read = channel.read(target, position + target.position());
      if (read < 0) {
        break;
      }
    }
    bufferLength = target.position();
    return bufferLength >= count;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
