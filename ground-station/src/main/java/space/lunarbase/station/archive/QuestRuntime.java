package space.lunarbase.station.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * What QuestDB needs before its first class loads: its native libraries in a folder of ours
 * ({@code questdb.libs.dir}; without it QuestDB extracts 11 MB into the temp folder at every start
 * and leaves them behind after a crash), and a log configuration that writes only errors, to a
 * file beside the archive (its default prints every SQL statement on stdout).
 */
final class QuestRuntime {

  private static final List<String> LIBRARIES = List.of("libquestdb.so", "libquestdbr.so");

  private QuestRuntime() {}

  /** Prepares {@code archiveDir}'s sibling folders and the system properties; idempotent. */
  static synchronized void prepare(Path archiveDir) {
    try {
      Files.createDirectories(archiveDir);
      String given = System.getProperty("questdb.libs.dir");
      Path libs = given == null || given.isBlank() ? archiveDir.resolveSibling(archiveDir.getFileName() + "-libs")
          : Path.of(given);
      extractLibraries(libs);
      System.setProperty("questdb.libs.dir", libs.toString());
      if (System.getProperty("out") == null) {
        Path config = archiveDir.resolveSibling(archiveDir.getFileName() + "-log.conf");
        Files.writeString(config, """
            writers=file
            w.file.class=io.questdb.log.LogFileWriter
            w.file.location=%s
            w.file.level=ERROR,CRITICAL
            """.formatted(archiveDir.resolveSibling(archiveDir.getFileName() + ".log")));
        System.setProperty("out", config.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the archive folder " + archiveDir + ": " + e.getMessage(), e);
    }
  }

  private static void extractLibraries(Path folder) throws IOException {
    String platform = platform();
    if (platform == null) {
      return; // QuestDB finds its own way (or says why it cannot)
    }
    Files.createDirectories(folder);
    for (String library : LIBRARIES) {
      String resource = "/io/questdb/bin/" + platform + "/" + library;
      try (InputStream in = QuestRuntime.class.getResourceAsStream(resource)) {
        if (in == null) {
          continue;
        }
        byte[] bytes = in.readAllBytes();
        Path target = folder.resolve(library);
        if (Files.exists(target) && Files.size(target) == bytes.length) {
          continue;
        }
        Path temporary = Files.createTempFile(folder, library, ".part");
        Files.write(temporary, bytes);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  private static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return null;
    }
    return arch.contains("aarch64") || arch.contains("arm64") ? "linux-aarch64" : "linux-x86-64";
  }
}
