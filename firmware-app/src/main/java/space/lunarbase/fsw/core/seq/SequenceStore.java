package space.lunarbase.fsw.core.seq;

import com.google.protobuf.InvalidProtocolBufferException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.core.storage.AtomicFile;
import space.lunarbase.fsw.core.storage.DataFormats;
import space.lunarbase.fsw.core.storage.NewerFormatException;
import space.lunarbase.proto.v1.StoredSequence;

/**
 * Loaded sequences on disk, one file per slot: {@code {data-dir}/sequences/slot-N}, the magic
 * {@code LBSQ}, the CRC-32C of the rest (4 bytes, big-endian), then a {@code StoredSequence}
 * (the sequence as uploaded, with its loader). Written atomically (temporary file, fsync, rename,
 * fsync of the folder): a power cut leaves the old file or the new one. A file that cannot be
 * trusted is moved aside to {@code slot-N.corrupt}, for a person to read.
 *
 * <p>Format version: the magic {@code LBSQ} is version 1. A later version is written with the magic
 * {@code LBS} and its version as one ASCII digit ({@code LBS2}); such a file stops the start
 * ({@link NewerFormatException}) and is left where it is.
 */
@Singleton
public final class SequenceStore {

  /** The folder below the data folder. */
  public static final String FOLDER = "sequences";
  private static final byte[] MAGIC = {'L', 'B', 'S', 'Q'};
  /** The format's version this build writes (the magic {@code LBSQ}). */
  static final int VERSION = DataFormats.SEQUENCES;
  private static final Pattern FILE = Pattern.compile("slot-([0-9]{1,3})");

  private final Path dir;

  public SequenceStore(ControllerSettings controller) {
    this(controller.dataPath());
  }

  SequenceStore(Path dataDir) {
    this.dir = dataDir.resolve(FOLDER);
  }

  /** What one kept file held. */
  public sealed interface Kept {
    /** The file's slot number (from its name). */
    int slot();

    /** A file that checks out. */
    record Intact(int slot, StoredSequence stored) implements Kept {}

    /** A file that does not (now moved aside), and why. */
    record Damaged(int slot, String problem) implements Kept {}
  }

  /** Keeps {@code stored} as its slot's file, replacing any before. */
  void write(StoredSequence stored) throws IOException {
    byte[] payload = stored.toByteArray();
    ByteBuffer bytes = ByteBuffer.allocate(MAGIC.length + 4 + payload.length);
    bytes.put(MAGIC).putInt((int) crc(payload)).put(payload).flip();
    AtomicFile.write(dir.resolve(name(stored.getSlot())), bytes.array());
  }

  /** Forgets {@code slot}'s file, if any. */
  void delete(int slot) throws IOException {
    if (Files.deleteIfExists(dir.resolve(name(slot)))) {
      syncFolder();
    }
  }

  /** Every kept file, by slot; damaged ones are moved aside as they are found. */
  List<Kept> readAll() throws IOException {
    List<Kept> kept = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return kept;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (m.matches()) {
          kept.add(read(Integer.parseInt(m.group(1)), file));
        }
      }
    }
    kept.sort(java.util.Comparator.comparingInt(Kept::slot));
    return kept;
  }

  private Kept read(int slot, Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    if (content.length >= MAGIC.length && content[0] == 'L' && content[1] == 'B' && content[2] == 'S'
        && content[3] >= '2' && content[3] <= '9') {
      throw new NewerFormatException(file, "kept sequence", content[3] - '0', VERSION);
    }
    String problem = null;
    StoredSequence stored = null;
    if (content.length < MAGIC.length + 4 || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      problem = "not a kept sequence (no LBSQ header)";
    } else {
      byte[] payload = Arrays.copyOfRange(content, MAGIC.length + 4, content.length);
      long expected = ByteBuffer.wrap(content, MAGIC.length, 4).getInt() & 0xFFFF_FFFFL;
      if (crc(payload) != expected) {
        problem = "CRC-32C mismatch";
      } else {
        try {
          stored = StoredSequence.parseFrom(payload);
          if (stored.getSlot() != slot) {
            problem = "holds slot " + stored.getSlot() + " but is named for slot " + slot;
          }
        } catch (InvalidProtocolBufferException e) {
          problem = "not a StoredSequence: " + e.getMessage();
        }
      }
    }
    if (problem != null) {
      quarantine(slot);
      return new Kept.Damaged(slot, file + ": " + problem);
    }
    return new Kept.Intact(slot, stored);
  }

  /** Moves {@code slot}'s file aside ({@code slot-N.corrupt}), kept for a person to read. */
  void quarantine(int slot) {
    try {
      Files.move(dir.resolve(name(slot)), dir.resolve(name(slot) + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // a later load into the slot replaces it anyway
    }
  }

  Path path(int slot) {
    return dir.resolve(name(slot));
  }

  private static String name(int slot) {
    return "slot-" + slot;
  }

  private static long crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  private void syncFolder() {
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    } catch (IOException e) {
      // not every file system lets a folder be synced; the rename itself is atomic
    }
  }
}
