package space.lunarbase.fsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The firmware spells no topic itself: the tree {@code lunarbase/v1/...} is built by the wire
 * protocol's {@code Topics} (module wire), which lunarctl, the site ACL and the rig use too, so a
 * change of the scheme is made in one place.
 */
class TopicSpellingTest {

  @Test
  void noMainClassWritesTheTopicRootInAStringLiteral() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      List<String> spelled = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> read(p).contains("\"lunarbase/v1/")).map(Path::toString).toList();

      assertThat(spelled).as("classes that build topic strings instead of using space.lunarbase.wire.Topics")
          .isEmpty();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
