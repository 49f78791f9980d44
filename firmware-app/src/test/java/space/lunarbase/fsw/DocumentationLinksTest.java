package space.lunarbase.fsw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown (the docs, every module's README) names a file or
 * folder that exists, and a {@code #fragment} names a heading of the page it points to (GitHub's
 * anchors), so a page split or a heading renamed cannot leave a reader at a dead end.
 */
class DocumentationLinksTest {

  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
  private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", ".git", ".mvn", "data");

  @Test
  void everyRelativeLinkInTheMarkdownResolves() throws IOException {
    Path root = repositoryRoot();
    List<Path> pages = markdown(root);
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      for (String target : links(page)) {
        check(root, page, target).ifPresent(broken::add);
      }
    }
    assertThat(pages).as("Markdown pages found").hasSizeGreaterThan(20)
        .contains(root.resolve("firmware-app/README.md"), root.resolve("docs/CONTRIBUTING.md"));
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void anchorsFollowGitHubsRules() {
    assertThat(anchors(List.of("# MQTT link", "## Reason codes (in the order they are checked; the first failing check is"
        + " reported)", "## `/health`", "## What comes in", "## What comes in", "```", "## not a heading", "```")))
        .containsExactlyInAnyOrder("mqtt-link",
            "reason-codes-in-the-order-they-are-checked-the-first-failing-check-is-reported", "health",
            "what-comes-in", "what-comes-in-1");
  }

  private static Optional<String> check(Path root, Path page, String target) {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return Optional.empty(); // https:, mailto: ...: not ours to check offline
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? "" : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    String where = root.relativize(page) + ": " + target;
    if (!resolved.startsWith(root)) {
      return Optional.of(where + " (outside the repository)");
    }
    if (!Files.exists(resolved)) {
      return Optional.of(where + " (no such file)");
    }
    if (!fragment.isEmpty() && resolved.toString().endsWith(".md") && !anchors(lines(resolved)).contains(fragment)) {
      return Optional.of(where + " (no such heading in " + root.relativize(resolved) + ")");
    }
    return Optional.empty();
  }

  /** The links of a page, outside fenced code blocks and inline code. */
  private static List<String> links(Path page) {
    List<String> links = new ArrayList<>();
    boolean fenced = false;
    for (String line : lines(page)) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll("code"));
      while (m.find()) {
        links.add(m.group(1));
      }
    }
    return links;
  }

  /** A page's heading anchors as GitHub makes them: lower case, punctuation dropped, blanks to hyphens, repeats numbered. */
  static Set<String> anchors(List<String> lines) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced || !line.matches("^#{1,6} .*")) {
        continue;
      }
      String text = line.replaceFirst("^#{1,6} ", "").strip().toLowerCase(Locale.ROOT);
      String slug = text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum);
      anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
    }
    return anchors;
  }

  private static List<Path> markdown(Path root) throws IOException {
    List<Path> pages = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        Path name = dir.getFileName();
        return name != null && SKIPPED_FOLDERS.contains(name.toString()) ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.toString().endsWith(".md")) {
          pages.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return pages.stream().sorted().toList();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path repositoryRoot() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("docs/CONTRIBUTING.md"))) {
        return d;
      }
    }
    throw new IllegalStateException("docs/CONTRIBUTING.md not found above " + Path.of("").toAbsolutePath());
  }
}
