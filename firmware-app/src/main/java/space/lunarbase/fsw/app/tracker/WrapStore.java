package space.lunarbase.fsw.app.tracker;

import space.lunarbase.fsw.core.storage.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The tracker's cable wrap across restarts, {@code {data-dir}/tracker/cable-wrap}: a header line,
 * {@code wrap-deg=<degrees>} and a {@code crc32=} line over what comes before it. Written atomically
 * (temporary file, fsync, rename), so a power cut leaves the old value or the new one. The encoder
 * gives the angle within a turn; this file gives the turn.
 */
public final class WrapStore {

  static final String HEADER = "# lunarbase tracker cable wrap v1";
  static final String NAME = "cable-wrap";

  /** The file is there but cannot be trusted. */
  public static final class CorruptException extends Exception {
    CorruptException(String message) {
      super(message);
    }
  }

  private final Path dir;

  public WrapStore(Path dataDir) {
    this.dir = dataDir.resolve("tracker");
  }

  public Path path() {
    return dir.resolve(NAME);
  }

  /** The saved wrap, degrees; empty if nothing was saved yet. */
  public Optional<Double> load() throws IOException, CorruptException {
    String content;
    try {
      content = Files.readString(path(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CorruptException("not UTF-8");
    }
    int crcAt = content.lastIndexOf("crc32=");
    if (!content.startsWith(HEADER + "\n") || crcAt <= 0 || content.charAt(crcAt - 1) != '\n') {
      throw new CorruptException("no header or no crc32 line");
    }
    String body = content.substring(0, crcAt);
    String crcText = content.substring(crcAt + "crc32=".length()).strip();
    if (!crcText.equals(crc(body))) {
      throw new CorruptException("crc32 " + crcText + " does not match the content (" + crc(body) + ")");
    }
    String line = body.substring(HEADER.length() + 1).strip();
    if (!line.startsWith("wrap-deg=")) {
      throw new CorruptException("no wrap-deg line");
    }
    try {
      double wrap = Double.parseDouble(line.substring("wrap-deg=".length()));
      if (!Double.isFinite(wrap)) {
        throw new CorruptException("wrap-deg is not finite");
      }
      return Optional.of(wrap);
    } catch (NumberFormatException e) {
      throw new CorruptException("wrap-deg is not a number");
    }
  }

  /** Replaces the saved wrap. */
  public void save(double wrapDeg) throws IOException {
    if (!Double.isFinite(wrapDeg)) {
      throw new IllegalArgumentException("wrap must be finite, was " + wrapDeg);
    }
    String body = HEADER + "\nwrap-deg=" + wrapDeg + "\n";
    String content = body + "crc32=" + crc(body) + "\n";
    AtomicFile.write(path(), content.getBytes(StandardCharsets.UTF_8));
  }

  /** Moves an untrusted file aside ({@code cable-wrap.corrupt}) for a person to read. */
  public void quarantine() {
    try {
      Files.move(path(), dir.resolve(NAME + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // the next save replaces it anyway
    }
  }

  private static String crc(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }
}
