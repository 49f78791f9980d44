package space.lunarbase.fsw.config.board;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.hal.board.BankBoardWiring;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.board.RailWiring;
import space.lunarbase.hal.tracker.TrackerWiring;

/**
 * Reads a board file: YAML with optional top-level {@code bank:}, {@code tracker:} and
 * {@code rail:} sections whose kebab-case keys mirror hal's wiring records (see
 * {@code deploy/boards/README.md}). The YAML is only composed into nodes (a
 * {@link SafeConstructor} with bounded {@link LoaderOptions}; no object of any type is built from
 * it), then mapped to the hal records, whose own checks and {@link BoardDescription}'s
 * cross-family checks run as for the built-in demo. Any problem stops the start with one line,
 * {@code hal.board: <file>: <entry path>: <what is wrong>}.
 */
public final class BoardFile {

  /** The top-level sections. */
  static final List<String> SECTIONS = List.of("bank", "tracker", "rail");

  private static final String KEY = "hal.board";

  private BoardFile() {}

  /**
   * @param file the path as configured (relative to the working folder), used in messages as given
   * @throws InvalidConfigException for {@code hal.board} naming the file and the entry at fault
   */
  public static BoardDescription read(String file) {
    try {
      return describe(compose(file));
    } catch (BoardFileProblem problem) {
      throw new InvalidConfigException(KEY, file + ": " + problem.getMessage());
    }
  }

  private static BoardDescription describe(Node root) {
    Section board = new Entry("", root).section(SECTIONS);
    Optional<BankBoardWiring> bank = board.find("bank").map(BankSection::read);
    Optional<TrackerWiring> tracker = board.find("tracker").map(TrackerSection::read);
    Optional<RailWiring> rail = board.find("rail").map(RailSection::read);
    return board.entry().build(() -> new BoardDescription(bank, tracker, rail));
  }

  private static Node compose(String file) {
    Path path = path(file);
    if (!Files.exists(path)) {
      throw new BoardFileProblem("", "no such file (looked for " + path.toAbsolutePath().normalize()
          + "); hal.board is 'demo' or the path of a YAML board file");
    }
    if (Files.isDirectory(path)) {
      throw new BoardFileProblem("", "is a folder; hal.board is 'demo' or the path of a YAML board file");
    }
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Node root = yaml().compose(reader);
      if (root == null) {
        throw new BoardFileProblem("", "is empty; a board file has at least one of " + String.join(", ", SECTIONS));
      }
      return root;
    } catch (IOException e) {
      throw unreadable(e);
    } catch (MarkedYAMLException e) {
      Mark mark = Optional.ofNullable(e.getProblemMark()).orElse(e.getContextMark());
      String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
      String problem = Optional.ofNullable(e.getProblem()).orElse(e.getContext());
      throw new BoardFileProblem("", where + "malformed YAML: " + firstLine(problem));
    } catch (YAMLException e) {
      if (e.getCause() instanceof IOException io) {
        throw unreadable(io);
      }
      throw new BoardFileProblem("", "malformed YAML: " + firstLine(e.getMessage()));
    }
  }

  private static Path path(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new BoardFileProblem("", "not a valid path: " + e.getReason());
    }
  }

  private static BoardFileProblem unreadable(IOException e) {
    if (e instanceof CharacterCodingException) {
      return new BoardFileProblem("", "cannot read: not UTF-8 text");
    }
    return new BoardFileProblem("", "cannot read: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " " + firstLine(e.getMessage())));
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(16);
    options.setCodePointLimit(1 << 20);
    return new Yaml(new SafeConstructor(options));
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.strip().lines().findFirst().orElse("");
  }
}
