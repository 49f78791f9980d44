package space.lunarbase.fsw.core.storage;

import java.nio.file.Path;

/**
 * A kept file was written in a newer version of its format than this build reads: it was written
 * by a later release. Thrown from a start, it stops the start with one line naming the file, the
 * version found and the newest this build knows; the file is left as it is for the release that
 * wrote it.
 */
public final class NewerFormatException extends IllegalStateException {

  /** {@code file} is in {@code format} version {@code found}; this build reads up to {@code newest}. */
  public NewerFormatException(Path file, String format, int found, int newest) {
    super(file + " is " + format + " format version " + found + "; this build reads up to version " + newest
        + ": install the release that wrote it (or a later one), or move the file aside to start without it");
  }
}
