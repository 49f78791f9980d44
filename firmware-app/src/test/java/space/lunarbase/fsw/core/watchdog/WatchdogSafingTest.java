package space.lunarbase.fsw.core.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.fdir.SimulatedSite;
import space.lunarbase.fsw.core.fdir.SiteSafing;
import space.lunarbase.fsw.core.health.SubsystemHealth;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;

/**
 * The watchdog's whole path in the firmware on the simulated board: a task of the 100 Hz group hangs
 * → FATAL RATE_GROUP_STUCK on {@code evt} → every subsystem SAFE, each family safe in the simulated
 * hardware (bank charger off and contacts open, rail front-end disarmed with arm and fire-permit
 * lines low, tracker drivers disabled) → no more {@code WATCHDOG=1} to systemd (sent with the real
 * {@link SystemdNotifyCommand}, to a program that records them) → {@code /health} 503.
 */
class WatchdogSafingTest {

  static final String EVT = Firmware.topic("evt");

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void aStuckTaskSafesEverySubsystemInHardwareAndStarvesSystemdsWatchdog(@TempDir Path data) throws Exception {
    Path notified = data.resolve("notified");
    Path program = data.resolve("fake-systemd-notify");
    Files.writeString(program, "#!/bin/sh\necho \"$@\" >> '" + notified + "'\n");
    assertThat(program.toFile().setExecutable(true)).isTrue();
    Map<String, Object> properties = Firmware.properties(data.resolve("firmware"), Map.of(
        "lunarbase.link.broker-url", broker.url(),
        "lunarbase.test.stuck-task", "true",
        "lunarbase.test.notify-program", program.toString(),
        "lunarbase.test.watchdog-usec", "400000",
        "lunarbase.watchdog.min-stuck-time", "300ms"));
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), EVT);
         EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
      ApplicationContext firmware = server.getApplicationContext();
      SimulatedSite site = new SimulatedSite(firmware);
      Modes modes = firmware.getBean(Modes.class);
      modes.set("rail", Mode.NOMINAL, "test: rail in use");
      site.armRail();
      site.enableTracker();
      site.chargeBank(modes);
      await("ready, then fed").atMost(Duration.ofSeconds(10)).until(() -> count(notified, "WATCHDOG=1") >= 3);
      assertThat(lines(notified).getFirst()).endsWith("READY=1");
      assertThat(health(server).statusCode()).isEqualTo(200);

      firmware.getBean(StuckTask.class).hang();

      Event fatal = Event.parseFrom(recorder.awaitMatch(EVT, m -> parse(m).getName().equals("RATE_GROUP_STUCK"),
          Duration.ofSeconds(10)).payload());
      assertThat(fatal.getSeverity()).isEqualTo(Severity.SEVERITY_FATAL);
      assertThat(fatal.getArgsMap()).containsEntry("group", "fast");
      Event safing = Event.parseFrom(recorder.awaitMatch(EVT, m -> parse(m).getName().equals("SAFING"),
          Duration.ofSeconds(10)).payload());
      assertThat(safing.getArgsMap()).containsEntry("subsystems", "bank,core,link,rail,tracker")
          .containsEntry("rule", "FAULT RATE_GROUP_STUCK");
      // the SAFING event announces the response before its steps run (on the watchdog's thread)
      await("every subsystem safed, in modes and in hardware").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        assertThat(modes.snapshot()).as("every subsystem SAFE").containsOnlyKeys(Modes.SUBSYSTEMS)
            .allSatisfy((subsystem, mode) -> assertThat(mode).isEqualTo(Mode.SAFE));
        site.assertBankSafe();
        site.assertRail(false);
        site.assertTrackerMotors(false);
      });
      assertThat(recorder.on(EVT)).noneMatch(m -> parse(m).getName().equals("SAFING_STEP_FAILED"));

      await("the status says why").atMost(Duration.ofSeconds(5))
          .until(() -> lines(notified).stream().anyMatch(l -> l.endsWith("STATUS=rate group fast stuck")));
      long fed = count(notified, "WATCHDOG=1");
      await("no WATCHDOG=1 after the trip").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
          .until(() -> count(notified, "WATCHDOG=1") == fed);

      HttpResponse<String> health = health(server);
      assertThat(health.statusCode()).as("the service manager sees DOWN").isEqualTo(503);
      assertThat(health.body()).contains("\"watchdogTripped\":true").contains("\"SAFED\"");
      assertThat(firmware.getBean(SubsystemHealth.class).report("bank").details().get("modeCause").toString())
          .startsWith(SiteSafing.CAUSE_PREFIX).contains("rate group fast stuck");
    }
  }

  private static HttpResponse<String> health(EmbeddedServer server) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  private static long count(Path file, String state) throws Exception {
    return lines(file).stream().filter(l -> l.endsWith(" " + state)).count();
  }

  private static Event parse(MqttRecorder.Received m) {
    try {
      return Event.parseFrom(m.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
