package space.lunarbase.site;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Files of a site folder, private to their owner: folders 0700, files 0600, from the moment they
 * exist (created with those modes, never opened wider first). A file is replaced whole: written
 * beside it, forced to disk, then moved over it.
 */
final class SecureFiles {

  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  /** Creates {@code dir} (and missing parents) as 0700 and sets it to 0700 if it was there. */
  static void folder(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
          folder(parent);
        }
        Files.createDirectory(dir, attribute(FOLDER));
      }
      Files.setPosixFilePermissions(dir, FOLDER);
    } catch (IOException e) {
      throw failed("cannot create the folder " + dir, e);
    }
  }

  /** Writes {@code bytes} to {@code file} (0600) unless it already holds exactly them; true if written. */
  static boolean write(Path file, byte[] bytes) {
    try {
      if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
        Files.setPosixFilePermissions(file, FILE);
        return false;
      }
      folder(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling("." + file.getFileName() + ".new");
      Files.deleteIfExists(temp);
      try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          attribute(FILE))) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return true;
    } catch (IOException e) {
      throw failed("cannot write " + file, e);
    }
  }

  /** The bytes of {@code file}. */
  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw failed("cannot read " + file, e);
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }

  private static SiteException failed(String what, IOException e) {
    return new SiteException(SiteException.Kind.FOLDER, what + " (" + e.getClass().getSimpleName() + ": "
        + e.getMessage() + ")", e);
  }
}
