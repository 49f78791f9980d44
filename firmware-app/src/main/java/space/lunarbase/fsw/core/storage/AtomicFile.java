package space.lunarbase.fsw.core.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file so that a power cut leaves either the old content or the new, never a mix:
 * write {@code <name>.tmp} beside it, force it to the disk, rename it over the file (atomic on one
 * POSIX filesystem), then force the folder so the rename itself survives. Every file the firmware
 * keeps across restarts (boot count, command counters, parameters, journal cursor, stored
 * sequences, cable wrap) is written this way.
 */
public final class AtomicFile {

  private AtomicFile() {}

  /** Replaces {@code file} with {@code content}, creating its folder if needed. */
  public static void write(Path file, byte[] content) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = folder.resolve(file.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer bytes = ByteBuffer.wrap(content);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // not every file system lets a folder be synced; the rename itself is atomic
    }
  }
}
