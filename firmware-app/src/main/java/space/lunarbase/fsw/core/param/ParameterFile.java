package space.lunarbase.fsw.core.param;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import space.lunarbase.fsw.core.storage.CheckedTextFile;
import space.lunarbase.fsw.core.storage.CheckedTextFile.CorruptException;
import space.lunarbase.fsw.core.storage.DataFormats;

/**
 * The persisted parameter values, {@code {data-dir}/parameters/values}: a header line, one
 * {@code name=value} line per set parameter, and a {@code crc32=} line over everything before it (a
 * {@link CheckedTextFile}). Written atomically (temporary file, fsync, rename, fsync of the folder),
 * so a power cut leaves the old file or the new one, never a mix.
 */
final class ParameterFile {

  static final String HEADER = "# lunarbase parameters v" + DataFormats.PARAMETERS;
  static final String NAME = "values";

  private final CheckedTextFile file;

  ParameterFile(Path dataDir) {
    this.file = new CheckedTextFile(dataDir.resolve("parameters").resolve(NAME), HEADER);
  }

  Path path() {
    return file.path();
  }

  /** The saved {@code name -> text}, in file order; empty if there is no file. */
  Map<String, String> load() throws IOException, CorruptException {
    Optional<String> body = file.read();
    if (body.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : body.get().split("\n")) {
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
    StringBuilder body = new StringBuilder();
    values.forEach((name, text) -> {
      if (name.contains("\n") || text.contains("\n") || name.contains("=")) {
        throw new IllegalArgumentException("parameter " + name + ": no newlines or '=' in names, no newlines in values");
      }
      body.append(name).append('=').append(text).append('\n');
    });
    file.write(body.toString());
  }

  /** Moves an untrusted file aside ({@code values.corrupt}) so it is kept for a person to read. */
  void quarantine() {
    file.quarantine();
  }
}
