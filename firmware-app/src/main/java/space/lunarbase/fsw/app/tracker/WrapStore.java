package space.lunarbase.fsw.app.tracker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import space.lunarbase.fsw.core.storage.CheckedTextFile;
import space.lunarbase.fsw.core.storage.CheckedTextFile.CorruptException;
import space.lunarbase.fsw.core.storage.DataFormats;

/**
 * The tracker's cable wrap across restarts, {@code {data-dir}/tracker/cable-wrap}: a header line,
 * {@code wrap-deg=<degrees>} and a {@code crc32=} line over what comes before it (a
 * {@link CheckedTextFile}). Written atomically (temporary file, fsync, rename), so a power cut leaves
 * the old value or the new one. The encoder gives the angle within a turn; this file gives the turn.
 */
public final class WrapStore {

  static final String HEADER = "# lunarbase tracker cable wrap v" + DataFormats.CABLE_WRAP;
  static final String NAME = "cable-wrap";

  private final CheckedTextFile file;

  /**
   * The store in {@code dataDir}.
   *
   * @throws space.lunarbase.fsw.core.storage.NewerFormatException if the file there was written by a
   *     later release in a later version of its format
   */
  public WrapStore(Path dataDir) {
    this.file = new CheckedTextFile(dataDir.resolve("tracker").resolve(NAME), HEADER);
    file.requireKnownVersion();
  }

  public Path path() {
    return file.path();
  }

  /** The saved wrap, degrees; empty if nothing was saved yet. */
  public Optional<Double> load() throws IOException, CorruptException {
    Optional<String> body = file.read();
    if (body.isEmpty()) {
      return Optional.empty();
    }
    String line = body.get().strip();
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
    file.write("wrap-deg=" + wrapDeg + "\n");
  }

  /** Moves an untrusted file aside ({@code cable-wrap.corrupt}) for a person to read. */
  public void quarantine() {
    file.quarantine();
  }
}
