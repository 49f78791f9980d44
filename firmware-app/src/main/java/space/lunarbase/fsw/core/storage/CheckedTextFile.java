package space.lunarbase.fsw.core.storage;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A small text file kept across restarts and checked when read: a header line naming its format
 * and its version ({@code # lunarbase parameters v1}), the body, and a last line
 * {@code crc32=<8 hex digits>} (CRC-32) over everything before it. A file whose header names a
 * later version of the format than this build's is not touched: {@link NewerFormatException}.
 * Written with {@link AtomicFile}, so a power cut leaves the old file or the new one; read back only
 * when the header and the checksum match. A file that cannot be trusted is moved aside
 * ({@code <name>.corrupt}) for a person to read.
 */
public final class CheckedTextFile {

  private static final String CRC = "crc32=";

  /** The file is there but cannot be trusted; the message says why. */
  public static final class CorruptException extends Exception {
    public CorruptException(String message) {
      super(message);
    }
  }

  private static final Pattern HEADER = Pattern.compile("(# lunarbase [a-z -]+) v([0-9]{1,9})");

  private final Path path;
  private final String header;
  private final String prefix;
  private final int version;

  /**
   * The file at {@code path}, whose first line is {@code header}: {@code # lunarbase <format> v<N>}.
   */
  public CheckedTextFile(Path path, String header) {
    Matcher m = HEADER.matcher(header);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a versioned header: " + header);
    }
    this.path = path;
    this.header = header;
    this.prefix = m.group(1);
    this.version = Integer.parseInt(m.group(2));
  }

  /** The format's version this build writes (and the newest it reads). */
  public int version() {
    return version;
  }

  public Path path() {
    return path;
  }

  /**
   * The body (what stands between the header line and the crc32 line); empty if there is no file.
   *
   * @throws NewerFormatException if the header names a later version than {@link #version()}
   */
  public Optional<String> read() throws IOException, CorruptException {
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (CharacterCodingException e) {
      throw new CorruptException("not UTF-8");
    }
    int firstLine = content.indexOf('\n');
    Matcher found = HEADER.matcher(firstLine < 0 ? content : content.substring(0, firstLine));
    if (found.matches() && found.group(1).equals(prefix) && Integer.parseInt(found.group(2)) > version) {
      throw new NewerFormatException(path, prefix.substring("# lunarbase ".length()),
          Integer.parseInt(found.group(2)), version);
    }
    int crcAt = content.lastIndexOf(CRC);
    if (!content.startsWith(header + "\n") || crcAt <= 0 || content.charAt(crcAt - 1) != '\n') {
      throw new CorruptException("no header or no crc32 line");
    }
    String sealed = content.substring(0, crcAt);
    String crcText = content.substring(crcAt + CRC.length()).strip();
    if (!crcText.equals(crc(sealed))) {
      throw new CorruptException("crc32 " + crcText + " does not match the content (" + crc(sealed) + ")");
    }
    return Optional.of(sealed.substring(header.length() + 1));
  }

  /**
   * Fails if the file is of a later version than this build's; for a start that reads the file
   * only later. Damage is not judged here (the later read does).
   *
   * @throws NewerFormatException if the header names a later version than {@link #version()}
   */
  public void requireKnownVersion() {
    try {
      read();
    } catch (IOException | CorruptException e) {
      // judged when the file is read for its content
    }
  }

  /** Replaces the file with the header, {@code body} (whole lines, each ending in a newline) and its crc32 line. */
  public void write(String body) throws IOException {
    String sealed = header + "\n" + body;
    String content = sealed + CRC + crc(sealed) + "\n";
    AtomicFile.write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Moves an untrusted file aside ({@code <name>.corrupt}); the next write replaces it anyway. */
  public void quarantine() {
    try {
      Files.move(path, path.resolveSibling(path.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // the next write replaces it anyway
    }
  }

  private static String crc(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }
}
