package space.lunarbase.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * {@code ./run-fleet} itself, as a person runs it from the project root, on the jar the build just
 * packaged (an integration test: it runs after {@code package}; {@code LUNARBASE_NO_BUILD} makes the
 * script fail rather than build if that jar were stale): five controllers against a real Mosquitto
 * for a few seconds, everything they stamped arrives, and the script ends by itself with 0; a bad
 * command line ends at once, non-zero, with one line saying what is wrong.
 */
class RunFleetIT {

  private static final Pattern STOPPED = Pattern.compile("fleet: stopped: sent=(\\d+) published=(\\d+) dropped=(\\d+)");

  @TempDir
  Path work;

  @Test
  void fiveControllersRunForTheirDurationAndEverythingTheyStampedArrives() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
         FleetWatch watch = FleetWatch.open(broker.url(), "fleet-check", Optional.empty(), "lunar-south",
             new DeliveryCheck(), Duration.ofSeconds(10))) {
      Run run = runFleet(Duration.ofSeconds(60), "5", "--broker", broker.url(), "--duration", "8s", "--data-dir",
          work.resolve("data").toString());

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.stderr()).as(run.toString()).noneMatch(line -> line.contains("building"));
      assertThat(run.stdout()).as(run.toString()).anyMatch(line -> line.startsWith("fleet: 5 controllers of site lunar-south"))
          .anyMatch(line -> line.startsWith("fleet: connected 5/5"));
      Matcher stopped = run.stdout().stream().map(STOPPED::matcher).filter(Matcher::matches).findFirst()
          .orElseThrow(() -> new AssertionError("no 'fleet: stopped' line: " + run));
      long sent = Long.parseLong(stopped.group(1));
      // published counts telemetry and events the broker acknowledged; not the birth and OFFLINE of
      // each controller (nor a rebirth's)
      assertThat(Long.parseLong(stopped.group(2))).as("published").isBetween(sent - 3 * 5, sent - 2 * 5);
      assertThat(stopped.group(3)).as("dropped").isEqualTo("0");

      DeliveryCheck check = watch.check();
      await().atMost(Duration.ofSeconds(10)).until(() -> check.distinct() >= sent);
      assertThat(check.distinct()).isEqualTo(sent);
      assertThat(check.undecodable()).isZero();
      Map<String, Map<String, Long>> received = check.tallies().entrySet().stream()
          .collect(Collectors.groupingBy(e -> e.getKey().controller(),
              Collectors.toMap(e -> e.getKey().stream(), e -> e.getValue().received())));
      assertThat(received).hasSize(5);
      received.forEach((controller, streams) -> {
        // birth and the clean stop's OFFLINE; channels at 10 Hz for the seconds it ran; its link's health
        assertThat(streams).as(controller).containsEntry("state", 2L).containsKey("tlm/link");
        assertThat(streams.get("tlm/channels")).as(controller).isGreaterThan(20L);
      });
      assertThat(check.tallies().values()).allMatch(t -> t.holes() == 0 && t.unflaggedDuplicates() == 0);
    }
  }

  @Test
  void aCountThatIsNoNumberEndsWithOneLineSayingSo() throws Exception {
    Run run = runFleet(Duration.ofSeconds(30), "abc");

    assertThat(run.exit()).as(run.toString()).isEqualTo(64);
    assertThat(run.stderr().getFirst()).isEqualTo("run-fleet: N must be a number of controllers, not 'abc'");
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
  }

  @Test
  void aBrokerThatIsNoUrlEndsWithOneLineSayingSo() throws Exception {
    Run run = runFleet(Duration.ofSeconds(30), "5", "--broker", "nonsense");

    assertThat(run.exit()).as(run.toString()).isEqualTo(64);
    assertThat(run.stderr().getFirst()).isEqualTo("run-fleet: --broker 'nonsense': give tcp://host:port or ssl://host:port");
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
  }

  /** What one run of the script printed, and how it ended. */
  private record Run(int exit, List<String> stdout, List<String> stderr) {}

  private Run runFleet(Duration timeout, String... args) throws IOException, InterruptedException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("fleet/target/fleet.jar")).as("the jar the build packaged").exists();
    List<String> command = new ArrayList<>(List.of("bash", "run-fleet"));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "stdout", ".txt");
    Path err = Files.createTempFile(work, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("LUNARBASE_NO_BUILD", "1");
    Process process = builder.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("run-fleet still running after " + timeout + ": " + Files.readAllLines(out)
            + Files.readAllLines(err));
      }
    } finally {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
  }
}
