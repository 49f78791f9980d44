package space.lunarbase.fsw.link.journal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import space.lunarbase.fsw.core.telemetry.Outbound;

/**
 * The byte layout of one journal record; see {@link Journal} for the table. All integers are
 * big-endian.
 */
final class RecordFormat {

  /** "LBJ1": the sync marker every record starts with. */
  static final int MAGIC = 0x4C424A31;
  static final int HEADER_BYTES = 20;
  static final int CRC_OFFSET = 16;
  static final int BODY_FIXED_BYTES = 5;
  static final byte BODY_VERSION = 1;
  static final int MAX_STREAM_BYTES = 0xFFFF;
  private static final int FLAG_RETAINED = 1;

  /** The journal format's version this build writes and reads: the last byte of the marker, {@code '1'}. */
  static final int VERSION = space.lunarbase.fsw.core.storage.DataFormats.JOURNAL;

  private RecordFormat() {}

  /**
   * The format version a segment's first record names ({@code LBJ<digit>}); {@link #VERSION} when
   * the file is empty or does not start with such a marker (damage is judged record by record).
   */
  static int formatVersion(java.nio.file.Path segment) throws java.io.IOException {
    byte[] start = new byte[4];
    try (var in = java.nio.file.Files.newInputStream(segment)) {
      if (in.readNBytes(start, 0, 4) < 4) {
        return VERSION;
      }
    }
    boolean marker = start[0] == 'L' && start[1] == 'B' && start[2] == 'J' && start[3] >= '1' && start[3] <= '9';
    return marker ? start[3] - '0' : VERSION;
  }

  /** The whole record for {@code message} at {@code index}. */
  static byte[] encode(long index, Outbound message) {
    byte[] stream = message.stream().getBytes(StandardCharsets.UTF_8);
    if (stream.length > MAX_STREAM_BYTES) {
      throw new IllegalArgumentException("stream name of " + stream.length + " bytes is longer than "
          + MAX_STREAM_BYTES);
    }
    byte[] payload = message.payload() == null ? new byte[0] : message.payload();
    long bodyLength = (long) BODY_FIXED_BYTES + stream.length + payload.length;
    if (HEADER_BYTES + bodyLength > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("message of " + payload.length + " bytes is too large");
    }
    ByteBuffer record = ByteBuffer.allocate(HEADER_BYTES + (int) bodyLength);
    record.putInt(MAGIC).putInt((int) bodyLength).putLong(index).putInt(0);
    record.put(BODY_VERSION).put((byte) message.qos()).put((byte) (message.retained() ? FLAG_RETAINED : 0))
        .putShort((short) stream.length).put(stream).put(payload);
    byte[] bytes = record.array();
    record.putInt(CRC_OFFSET, crc(bytes, 0, bytes, HEADER_BYTES, (int) bodyLength));
    return bytes;
  }

  /** CRC-32C over the header's first 16 bytes (magic, length, index) followed by the body. */
  static int crc(byte[] header, int headerOffset, byte[] body, int bodyOffset, int bodyLength) {
    CRC32C crc = new CRC32C();
    crc.update(header, headerOffset, CRC_OFFSET);
    crc.update(body, bodyOffset, bodyLength);
    return (int) crc.getValue();
  }

  /**
   * The message in a body whose CRC already matched, or throws {@link IllegalArgumentException}
   * with the reason it is not one.
   */
  static Outbound decodeBody(byte[] bytes, int offset, int length) {
    ByteBuffer body = ByteBuffer.wrap(bytes, offset, length);
    byte version = body.get();
    if (version != BODY_VERSION) {
      throw new IllegalArgumentException("unknown body version " + version);
    }
    int qos = body.get();
    int flags = body.get();
    if ((flags & ~FLAG_RETAINED) != 0) {
      throw new IllegalArgumentException("unknown flags " + flags);
    }
    int streamLength = Short.toUnsignedInt(body.getShort());
    if (streamLength > body.remaining()) {
      throw new IllegalArgumentException("stream length " + streamLength + " beyond the body");
    }
    String stream;
    try {
      stream = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(body.slice(body.position(), streamLength))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("stream name is not UTF-8");
    }
    body.position(body.position() + streamLength);
    byte[] payload = new byte[body.remaining()];
    body.get(payload);
    return new Outbound(stream, payload, qos, (flags & FLAG_RETAINED) != 0);
  }
}
