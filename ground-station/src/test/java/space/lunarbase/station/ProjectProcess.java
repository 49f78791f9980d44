package space.lunarbase.station;

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
import java.util.Optional;

/** A program of the project run as an operating-system process ({@code ./run-sim}, {@code ./run-ground}). */
final class ProjectProcess implements AutoCloseable {

  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();

  private ProjectProcess(Process process) {
    this.process = process;
    collect(process.getInputStream(), stdout);
    collect(process.getErrorStream(), stderr);
  }

  static Path projectRoot() {
    Path root = Path.of("..").toAbsolutePath().normalize();
    if (!Files.isExecutable(root.resolve("run-sim"))) {
      throw new IllegalStateException("run-sim not found in " + root);
    }
    return root;
  }

  /** Runs {@code ./script args...} from the project root. */
  static ProjectProcess start(String script, List<String> args) {
    List<String> command = new ArrayList<>(List.of("bash", script));
    command.addAll(args);
    try {
      return new ProjectProcess(new ProcessBuilder(command).directory(projectRoot().toFile()).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start ./" + script, e);
    }
  }

  private static void collect(InputStream stream, List<String> lines) {
    Thread.ofPlatform().daemon().start(() -> {
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

  List<String> stdout() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  List<String> stderr() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  /** Waits for a stdout line containing {@code text}; returns it. */
  String awaitStdout(String text, Duration timeout) {
    return await("stdout line with '" + text + "'").atMost(timeout)
        .failFast("the process exited: " + this, () -> !process.isAlive()
            && stdout().stream().noneMatch(l -> l.contains(text)))
        .until(() -> stdout().stream().filter(l -> l.contains(text)).findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: a crash. */
  void kill() {
    ChildProcesses.kill(process);
  }

  @Override
  public void close() {
    ChildProcesses.stop(process, 10);
  }

  @Override
  public String toString() {
    return "pid " + process.pid() + "\nstdout: " + stdout() + "\nstderr: " + stderr();
  }
}
