package space.lunarbase.fsw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The golden files: {@code src/test/resources/golden/<format>/v<N>/}, each format's files as the
 * release that introduced version N wrote them, committed once and never rewritten. A test per
 * format reads them with today's reader, so a release that can no longer read a version fails CI
 * (docs/CONTRIBUTING.md, "On-disk formats").
 */
public final class Golden {

  private Golden() {}

  /** Copies {@code format}'s version {@code version} files into {@code target} (created), which is returned. */
  public static Path copy(String format, int version, Path target) {
    String name = "/golden/" + format + "/v" + version;
    URL url = Golden.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("no golden files " + name + " on the test class path");
    }
    try {
      Files.createDirectories(target);
      try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
        for (Path file : files.toList()) {
          Files.copy(file, target.resolve(file.getFileName().toString()));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
