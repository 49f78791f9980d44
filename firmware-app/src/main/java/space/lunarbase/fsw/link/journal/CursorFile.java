package space.lunarbase.fsw.link.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import space.lunarbase.fsw.core.storage.AtomicFile;

/**
 * The persisted acknowledged position: 16 bytes, written atomically (temp file, fsync, rename,
 * fsync of the folder). Layout: "LBJC" (4), last acknowledged index (8), CRC-32C of the first 12
 * bytes (4).
 */
final class CursorFile {

  static final String NAME = "cursor";
  static final String TEMP_NAME = "cursor.tmp";
  private static final int MAGIC = 0x4C424A43;
  private static final int BYTES = 16;

  private CursorFile() {}

  /** The stored index, 0 when there is no cursor file; throws with a reason when it is invalid. */
  static long read(Path dir) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(dir.resolve(NAME));
    } catch (NoSuchFileException e) {
      return 0;
    }
    if (bytes.length != BYTES) {
      throw new IOException("cursor file has " + bytes.length + " bytes, expected " + BYTES);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, 12);
    if (buffer.getInt(0) != MAGIC || buffer.getInt(12) != (int) crc.getValue()) {
      throw new IOException("cursor file has a bad marker or CRC");
    }
    long index = buffer.getLong(4);
    if (index < 0) {
      throw new IOException("cursor file holds a negative index " + index);
    }
    return index;
  }

  static void write(Path dir, long index) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BYTES).putInt(MAGIC).putLong(index);
    CRC32C crc = new CRC32C();
    crc.update(buffer.array(), 0, 12);
    buffer.putInt((int) crc.getValue()).flip();
    AtomicFile.write(dir.resolve(NAME), buffer.array());
  }
}
