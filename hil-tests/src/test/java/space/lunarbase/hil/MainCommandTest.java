package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.ControllerState.Status;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;

/** The README's main command, {@code ./run-sim}, as a process: start, publish, stop, crash, refuse. */
class MainCommandTest {

  static final String STATE = "lunarbase/v1/hil/sim-1/state";
  static final String BANK = "lunarbase/v1/hil/sim-1/tlm/bank";
  static final Duration START = Duration.ofSeconds(60);

  static String[] args(Path data, String... more) {
    String[] base = {"--lunarbase.site=hil", "--lunarbase.controller=sim-1", "--lunarbase.data-dir=" + data,
        "--lunarbase.bank.sample-period=100ms", "--lunarbase.link.keepalive=2s"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /**
   * Starts {@code ./run-sim} on {@code broker} and waits until {@code recorder} (subscribed to
   * {@link #STATE} or above it) sees its live ONLINE birth; a firmware that does not come up is stopped.
   */
  static FirmwareProcess startOnline(Path data, MosquittoBroker broker, MqttRecorder recorder) {
    FirmwareProcess firmware = FirmwareProcess.start(args(data, "--lunarbase.link.broker-url=" + broker.url()));
    try {
      recorder.awaitMatch(STATE, m -> !m.retained() && state(m).getStatus() == Status.STATUS_ONLINE, START);
      return firmware;
    } catch (RuntimeException | Error e) {
      firmware.close();
      throw e;
    }
  }

  @Test
  void startsPublishesAndOnSigtermReplacesItsBirthWithOffline(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/#");
         FirmwareProcess firmware = FirmwareProcess.start(args(data, "--lunarbase.link.broker-url=" + broker.url()))) {
      firmware.awaitStdout("Stop with Ctrl-C", START);
      assertThat(firmware.stdout()).anyMatch(l -> l.contains("controller hil/sim-1, boot 1, hal sim"))
          .anyMatch(l -> l.contains("MQTT broker: " + broker.url()))
          .anyMatch(l -> l.contains("./lunarctl watch 'lunarbase/v1/hil/sim-1/#' --broker " + broker.url()));
      assertThat(state(recorder.awaitCount(STATE, 1, START).getFirst()).getStatus()).isEqualTo(Status.STATUS_ONLINE);
      var frames = recorder.awaitCount(BANK, 5, Duration.ofSeconds(20));
      assertThat(frames.stream().map(m -> frame(m).getHeader()).filter(h -> !h.getHistorical())
          .map(h -> h.getSequence())).isSorted().doesNotHaveDuplicates();
      assertThat(firmware.rssKib()).as("resident memory, KiB").isPositive().isLessThan(400_000);

      int exit = firmware.terminate(Duration.ofSeconds(20));

      assertThat(exit).as("exit code after SIGTERM (128 + 15)").isEqualTo(143);
      ControllerState last = state(recorder.awaitMatch(STATE,
          m -> state(m).getStatus() == Status.STATUS_OFFLINE, Duration.ofSeconds(5)));
      assertThat(last.getReason()).isEqualTo("shutdown");
      try (MqttRecorder late = MqttRecorder.subscribe(broker.url(), STATE)) {
        Received retained = late.awaitCount(STATE, 1, Duration.ofSeconds(5)).getFirst();
        assertThat(retained.retained()).isTrue();
        assertThat(state(retained).getStatus()).isEqualTo(Status.STATUS_OFFLINE);
      }
    }
  }

  @Test
  void killedWithSignalNineItsDeathIsPublishedByTheBrokerAndTheNextStartCountsABoot(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), STATE)) {
      try (FirmwareProcess firmware = FirmwareProcess.start(args(data, "--lunarbase.link.broker-url=" + broker.url()))) {
        recorder.awaitMatch(STATE, m -> state(m).getStatus() == Status.STATUS_ONLINE, START);
        firmware.kill(Duration.ofSeconds(10));
      }
      ControllerState will = state(recorder.awaitMatch(STATE,
          m -> state(m).getStatus() == Status.STATUS_OFFLINE, Duration.ofSeconds(5)));
      assertThat(will.getReason()).isEqualTo("connection lost");
      assertThat(will.getBootCount()).isEqualTo(1);

      try (FirmwareProcess again = FirmwareProcess.start(args(data, "--lunarbase.link.broker-url=" + broker.url()))) {
        ControllerState reborn = state(recorder.awaitMatch(STATE,
            m -> state(m).getStatus() == Status.STATUS_ONLINE && state(m).getBootCount() == 2, START));
        assertThat(reborn.getHeader().getBootCount()).isEqualTo(2);
        again.terminate(Duration.ofSeconds(20));
      }
    }
  }

  @Test
  void withNoBrokerConfiguredItBringsItsOwnAndSaysWhereWhenThePortIsTaken(@TempDir Path data) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         FirmwareProcess firmware = FirmwareProcess.start(
             args(data, "--lunarbase.link.embedded.port=" + taken.getLocalPort()))) {
      String line = firmware.awaitStdout("MQTT broker:", START);
      Matcher url = Pattern.compile("MQTT broker: (tcp://127\\.0\\.0\\.1:\\d+) \\(embedded\\) \\(port "
          + taken.getLocalPort() + " was taken\\)").matcher(line);
      assertThat(url.find()).as(line).isTrue();
      firmware.awaitStdout("Stop with Ctrl-C", START);
      try (MqttRecorder recorder = MqttRecorder.subscribe(url.group(1), "lunarbase/v1/#")) {
        assertThat(recorder.awaitCount(BANK, 3, Duration.ofSeconds(20))).hasSizeGreaterThanOrEqualTo(3);
      }
      assertThat(firmware.terminate(Duration.ofSeconds(20))).isEqualTo(143);
    }
  }

  @Test
  void aBadSettingStopsTheStartWithOneLineAndExitCodeTwo(@TempDir Path data) {
    try (FirmwareProcess firmware = FirmwareProcess.start(args(data, "--hal.mode=quantum"))) {
      int exit = firmware.awaitExit(START);
      assertThat(exit).isEqualTo(2);
      assertThat(firmware.stderr()).filteredOn(l -> !l.startsWith("run-sim: building"))
          .containsExactly("lunarbase-fsw: cannot start: hal.mode='quantum' is not valid: allowed values are sim, real");
      assertThat(firmware.stdout()).isEmpty();
    }
  }

  static ControllerState state(Received message) {
    try {
      return ControllerState.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  static TelemetryFrame frame(Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
