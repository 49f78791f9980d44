package space.lunarbase.ground.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The file {@code lunarctl record} writes and {@code lunarctl replay} reads: every message as it
 * arrived (topic, QoS, retained flag, receive time, payload bytes), length-prefixed and checksummed
 * so that a truncated or damaged file is detected at the exact record where it goes wrong.
 *
 * <pre>
 * file   = header record*
 * header = magic "LBRECORD" (8 ASCII bytes), version u32 (= 1)
 * record = length u32 (of body), body, crc u32 (CRC-32 of body, as java.util.zip.CRC32 / zlib)
 * body   = received_ns i64 (UTC nanoseconds since 1970), flags u8 (bit 0: retained; others 0),
 *          qos u8 (0..2), topic_length u16, topic (UTF-8), payload (the rest of the body)
 * </pre>
 * All integers big-endian. A body is at least 12 bytes and at most {@link #MAX_BODY}.
 */
final class RecordFile {

  static final byte[] MAGIC = "LBRECORD".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = MAGIC.length + 4;
  private static final int FIXED_BODY = 8 + 1 + 1 + 2;
  /** MQTT's largest payload (256 MiB - 1) plus the largest topic and the fixed fields. */
  static final long MAX_BODY = FIXED_BODY + 65_535L + 268_435_455L;

  private RecordFile() {}

  /** One recorded message. */
  record Entry(String topic, byte[] payload, int qos, boolean retained, long receivedNanos) {

    static Entry of(Inbound.Arrival arrival) {
      Instant at = arrival.receivedAt();
      return new Entry(arrival.topic(), arrival.payload(), arrival.qos(), arrival.retained(),
          at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Entry entry && topic.equals(entry.topic) && Arrays.equals(payload, entry.payload)
          && qos == entry.qos && retained == entry.retained && receivedNanos == entry.receivedNanos;
    }

    @Override
    public int hashCode() {
      return topic.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return "Entry[" + topic + ", " + payload.length + " bytes, qos " + qos + (retained ? ", retained" : "") + ", "
          + receivedNanos + "]";
    }
  }

  /** The file is not a record file, or is truncated or damaged at {@link #offset()}. */
  static final class Damaged extends Exception {
    private final long offset;

    Damaged(long offset, String message) {
      super(message);
      this.offset = offset;
    }

    /** Byte offset in the file of the header or record that is wrong. */
    long offset() {
      return offset;
    }
  }

  /** Appends entries to a new file. */
  static final class Writer implements Closeable {
    private final DataOutputStream out;
    private long bytes;

    Writer(Path path, OpenOption... options) throws IOException {
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path, options), 1 << 16));
      out.write(MAGIC);
      out.writeInt(VERSION);
      bytes = HEADER_BYTES;
    }

    void write(Entry entry) throws IOException {
      byte[] topic = entry.topic().getBytes(StandardCharsets.UTF_8);
      if (topic.length > 65_535) {
        throw new IOException("topic longer than 65535 bytes");
      }
      ByteBuffer body = ByteBuffer.allocate(FIXED_BODY + topic.length + entry.payload().length)
          .putLong(entry.receivedNanos()).put((byte) (entry.retained() ? 1 : 0)).put((byte) entry.qos())
          .putShort((short) topic.length).put(topic).put(entry.payload());
      CRC32 crc = new CRC32();
      crc.update(body.array());
      out.writeInt(body.capacity());
      out.write(body.array());
      out.writeInt((int) crc.getValue());
      bytes += 8L + body.capacity();
    }

    /** Bytes written so far, header included. */
    long bytes() {
      return bytes;
    }

    void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Reads entries from a file, one at a time, checking each. */
  static final class Reader implements Closeable {
    private final InputStream in;
    private final long size;
    private long offset;

    /**
     * Opens {@code path} and checks its header.
     *
     * @throws Damaged when it is not a record file of this version
     */
    Reader(Path path) throws IOException, Damaged {
      size = Files.size(path);
      in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      byte[] header = in.readNBytes(HEADER_BYTES);
      if (header.length < MAGIC.length || !Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        in.close();
        throw new Damaged(0, "not a lunarctl record file (no LBRECORD magic)");
      }
      if (header.length < HEADER_BYTES) {
        in.close();
        throw new Damaged(0, "truncated header (" + header.length + " of " + HEADER_BYTES + " bytes)");
      }
      int version = ByteBuffer.wrap(header, MAGIC.length, 4).getInt();
      if (version != VERSION) {
        in.close();
        throw new Damaged(MAGIC.length, "record file version " + Integer.toUnsignedString(version)
            + ", lunarctl reads version " + VERSION);
      }
      offset = HEADER_BYTES;
    }

    /** The offset of the next record (after the last good one). */
    long offset() {
      return offset;
    }

    /**
     * The next entry, or null at the end of the file.
     *
     * @throws Damaged naming the offset of the record that is truncated or corrupt
     */
    Entry next() throws IOException, Damaged {
      long at = offset;
      byte[] prefix = in.readNBytes(4);
      if (prefix.length == 0) {
        return null;
      }
      if (prefix.length < 4) {
        throw new Damaged(at, "truncated record at offset " + at + " (" + prefix.length + " of 4 length bytes)");
      }
      long length = Integer.toUnsignedLong(ByteBuffer.wrap(prefix).getInt());
      if (length < FIXED_BODY || length > MAX_BODY) {
        throw new Damaged(at, "corrupt record at offset " + at + " (length " + length + ")");
      }
      if (at + 4 + length + 4 > size) {
        throw new Damaged(at, "truncated record at offset " + at + " (needs " + (4 + length + 4)
            + " bytes, the file has " + (size - at) + " left)");
      }
      byte[] body = in.readNBytes((int) length);
      byte[] crcBytes = in.readNBytes(4);
      if (body.length < length || crcBytes.length < 4) {
        throw new Damaged(at, "truncated record at offset " + at + " (the file ended while reading it)");
      }
      CRC32 crc = new CRC32();
      crc.update(body);
      if ((int) crc.getValue() != ByteBuffer.wrap(crcBytes).getInt()) {
        throw new Damaged(at, "corrupt record at offset " + at + " (CRC mismatch)");
      }
      ByteBuffer fields = ByteBuffer.wrap(body);
      long received = fields.getLong();
      int flags = Byte.toUnsignedInt(fields.get());
      int qos = Byte.toUnsignedInt(fields.get());
      int topicLength = Short.toUnsignedInt(fields.getShort());
      if ((flags & ~1) != 0 || qos > 2 || topicLength == 0 || topicLength > fields.remaining()) {
        throw new Damaged(at, "corrupt record at offset " + at + " (flags " + flags + ", qos " + qos + ", topic length "
            + topicLength + ")");
      }
      String topic;
      try {
        topic = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body, FIXED_BODY, topicLength)).toString();
      } catch (CharacterCodingException e) {
        throw new Damaged(at, "corrupt record at offset " + at + " (topic is not UTF-8)");
      }
      byte[] payload = Arrays.copyOfRange(body, FIXED_BODY + topicLength, body.length);
      offset = at + 4 + length + 4;
      return new Entry(topic, payload, qos, (flags & 1) != 0, received);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
