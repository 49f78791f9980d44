package space.lunarbase.fsw.core.param;

import space.lunarbase.fsw.core.storage.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The persisted parameter values, {@code {data-dir}/parameters/values}: a header line, one
 * {@code name=value} line per set parameter, and a {@code crc32=} line over everything before it.
 * Written atomically (temporary file, fsync, rename, fsync of the folder), so a power cut leaves the
 * old file or the new one, never a mix.
 */
final class ParameterFile {

  static final String HEADER = "# lunarbase parameters v1";
  static final String NAME = "values";

  /** The file is there but cannot be trusted. */
  static final class CorruptException extends Exception {
    CorruptException(String message) {
      super(message);
    }
  }

  private final Path dir;

  ParameterFile(Path dataDir) {
    this.dir = dataDir.resolve("parameters");
  }

  Path path() {
    return dir.resolve(NAME);
  }

  /** The saved {@code name -> text}, in file order; empty if there is no file. */
  Map<String, String> load() throws IOException, CorruptException {
    String content;
    try {
      content = Files.readString(path(), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CorruptException("not UTF-8");
    }
    int crcAt = content.lastIndexOf("crc32=");
    if (!content.startsWith(HEADER + "\n") || crcAt < 0 || (crcAt > 0 && content.charAt(crcAt - 1) != '\n')) {
      throw new CorruptException("no header or no crc32 line");
    }
    String body = content.substring(0, crcAt);
    String crcText = content.substring(crcAt + "crc32=".length()).strip();
    if (!crcText.equals(crc(body))) {
      throw new CorruptException("crc32 " + crcText + " does not match the content (" + crc(body) + ")");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : body.substring(HEADER.length() + 1).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new CorruptException("a line without name=value");
      }
      values.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return values;
  }

  /** Replaces the file with {@code values} ({@code name -> text}; no newlines in either). */
  void save(Map<String, String> values) throws IOException {
    StringBuilder body = new StringBuilder(HEADER).append('\n');
    values.forEach((name, text) -> {
      if (name.contains("\n") || text.contains("\n") || name.contains("=")) {
        throw new IllegalArgumentException("parameter " + name + ": no newlines or '=' in names, no newlines in values");
      }
      body.append(name).append('=').append(text).append('\n');
    });
    String content = body + "crc32=" + crc(body.toString()) + "\n";
    AtomicFile.write(path(), content.getBytes(StandardCharsets.UTF_8));
  }

  /** Moves an untrusted file aside ({@code values.corrupt}) so it is kept for a person to read. */
  void quarantine() {
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
