package space.lunarbase.hil.rig;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import space.lunarbase.wire.TlsFiles;

/**
 * The firmware as a separate operating-system process, started with the README's own command
 * ({@code ./run-sim}), so that signals and crashes are real. Collects stdout and stderr lines.
 */
public final class FirmwareProcess implements AutoCloseable {

  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();

  private FirmwareProcess(Process process) {
    this.process = process;
    collect(process.getInputStream(), stdout, "firmware-stdout");
    collect(process.getErrorStream(), stderr, "firmware-stderr");
  }

  /** The project's root folder (the rig runs from {@code hil-tests/}). */
  public static Path projectRoot() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    if (!Files.isExecutable(root.resolve("run-sim"))) {
      throw new IllegalStateException("run-sim not found in " + root);
    }
    return root;
  }

  /** Runs {@code ./run-sim args...} from the project root. */
  public static FirmwareProcess start(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", "run-sim"));
    command.addAll(List.of(args));
    try {
      return new FirmwareProcess(new ProcessBuilder(command).directory(projectRoot().toFile()).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start ./run-sim", e);
    }
  }

  /**
   * Runs this JVM's {@code java} with {@code args} from the project root: a firmware jar other than
   * the one {@code ./run-sim} runs (e.g. {@code -jar firmware-app/target/firmware-app-flight.jar ...}).
   */
  public static FirmwareProcess java(List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx96m", "-XX:TieredStopAtLevel=1"));
    command.addAll(args);
    try {
      return new FirmwareProcess(new ProcessBuilder(command).directory(projectRoot().toFile()).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * The firmware's settings for a site broker's TLS ({@code lunarbase.link.tls.*}): the site CA, and
   * the controller's certificate and key, from {@code files}.
   */
  public static List<String> tlsArgs(TlsFiles files) {
    List<String> args = new ArrayList<>(List.of("--lunarbase.link.tls.ca-file=" + files.caFile().toAbsolutePath()));
    files.certFile().ifPresent(f -> args.add("--lunarbase.link.tls.cert-file=" + f.toAbsolutePath()));
    files.keyFile().ifPresent(f -> args.add("--lunarbase.link.tls.key-file=" + f.toAbsolutePath()));
    return List.copyOf(args);
  }

  private static void collect(InputStream stream, List<String> lines, String name) {
    Thread.ofPlatform().daemon().name(name).start(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    });
  }

  public List<String> stdout() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  public List<String> stderr() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  /** Waits for a stdout line containing {@code text}; returns it. */
  public String awaitStdout(String text, Duration timeout) {
    return await("stdout line with '" + text + "'").atMost(timeout)
        .failFast("the firmware exited: " + this, () -> !process.isAlive() && stdout().stream().noneMatch(l -> l.contains(text)))
        .until(() -> stdout().stream().filter(l -> l.contains(text)).findFirst(), java.util.Optional::isPresent)
        .orElseThrow();
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, as systemd or Ctrl-C stops it; waits for the exit and returns its code. */
  public int terminate(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  /** SIGKILL: a crash; nothing in the process gets to run. */
  public int kill(Duration timeout) {
    process.destroyForcibly();
    return awaitExit(timeout);
  }

  /** Waits for the process to end by itself; returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the firmware did not exit within " + timeout + ": " + this);
      }
      // let the collectors read the last lines
      await().atMost(Duration.ofSeconds(2)).until(() -> !isReading());
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private boolean isReading() {
    try {
      return process.getInputStream().available() > 0 || process.getErrorStream().available() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The resident set size of the process now, in KiB (Linux /proc). */
  public long rssKib() {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(javaPid()), "status")).stream()
          .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
          .findFirst().orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  /** run-sim execs java, so the process is the JVM itself. */
  private long javaPid() {
    return process.pid();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "firmware pid " + process.pid() + "\nstdout: " + stdout() + "\nstderr: " + stderr();
  }
}
