package space.lunarbase.fsw.config.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shipped board files, found from the test's working folder (the module or the repository). */
final class BoardFiles {

  private BoardFiles() {}

  /** {@code deploy/boards/demo.yml} of this repository. */
  static Path demo() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("deploy/boards/demo.yml");
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("deploy/boards/demo.yml not found above " + Path.of("").toAbsolutePath());
  }

  /** demo.yml's text with {@code from} replaced by {@code to} (which must occur), written to {@code dir}. */
  static Path demoWith(Path dir, String from, String to) {
    try {
      String text = Files.readString(demo());
      if (!text.contains(from)) {
        throw new IllegalArgumentException("demo.yml has no '" + from + "'");
      }
      return Files.writeString(dir.resolve("board.yml"), text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
