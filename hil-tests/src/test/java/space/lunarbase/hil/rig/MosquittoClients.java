package space.lunarbase.hil.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import space.lunarbase.wire.TlsFiles;

/**
 * Mosquitto's command-line clients ({@code mosquitto_pub}, {@code mosquitto_sub}, Debian's
 * {@code mosquitto-clients}) as processes against a broker: what anybody on the network runs. Their
 * output (stdout and stderr together) goes to a file in {@code workDir}.
 */
public final class MosquittoClients {

  /** How a run ended: its exit code and what it printed. */
  public record Result(int exit, String output) {}

  /** A client still running (a {@code mosquitto_sub} that reconnects by itself). */
  public static final class Running implements AutoCloseable {
    private final Process process;
    private final Path output;

    private Running(Process process, Path output) {
      this.process = process;
      this.output = output;
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    public String output() {
      return read(output);
    }

    /** Stops it (SIGTERM, then SIGKILL after 5 s) and returns how it ended. */
    public Result stop() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Result(process.isAlive() ? -1 : process.exitValue(), output());
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        stop();
      }
    }
  }

  private final Path workDir;
  private int runs;

  public MosquittoClients(Path workDir) {
    this.workDir = workDir;
  }

  /**
   * The connection options for the broker at {@code url} ({@code tcp://} or {@code ssl://}): host,
   * port, and with {@code tls} its CA, and its certificate and key if it has them.
   */
  public static List<String> connection(String url, Optional<TlsFiles> tls) {
    URI uri = URI.create(url);
    List<String> args = new ArrayList<>(List.of("-h", uri.getHost(), "-p", Integer.toString(uri.getPort())));
    tls.ifPresent(files -> {
      args.addAll(List.of("--cafile", files.caFile().toAbsolutePath().toString()));
      files.certFile().ifPresent(f -> args.addAll(List.of("--cert", f.toAbsolutePath().toString())));
      files.keyFile().ifPresent(f -> args.addAll(List.of("--key", f.toAbsolutePath().toString())));
    });
    return args;
  }

  /** Runs {@code mosquitto_pub args...} to its end (at most {@code timeout}). */
  public Result pub(List<String> args, Duration timeout) {
    Running run = start("mosquitto_pub", args);
    try {
      if (!run.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        run.stop();
        throw new AssertionError("mosquitto_pub " + args + " did not end within " + timeout + ": " + run.output());
      }
      return new Result(run.process.exitValue(), run.output());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: mosquitto_pub " + args, e);
    }
  }

  /** Starts {@code mosquitto_sub args...}; it runs (reconnecting by itself) until stopped. */
  public Running sub(List<String> args) {
    return start("mosquitto_sub", args);
  }

  private synchronized Running start(String tool, List<String> args) {
    List<String> command = new ArrayList<>(List.of(tool));
    command.addAll(args);
    Path output = workDir.resolve(tool + "-" + ++runs + ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      return new Running(process, output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + tool + " (Debian package mosquitto-clients)", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
