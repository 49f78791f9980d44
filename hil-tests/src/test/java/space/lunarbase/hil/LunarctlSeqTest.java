package space.lunarbase.hil;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.ground.cli.Lunarctl;
import space.lunarbase.hil.rig.FirmwareProcess;
import space.lunarbase.proto.v1.SequenceSlot;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;

/**
 * {@code lunarctl seq load} and the seq commands through {@code lunarctl send} (in-process, as an
 * operator runs them) against the firmware as a process ({@code ./run-sim} with the development
 * key ring), at real time: a sequence file is loaded, run and done; a refusal names its entry; a
 * command that does not fit the slot fails with the reason; {@code watch} shows the slot.
 */
class LunarctlSeqTest {

  private static final String TARGET = "hil/sim-1";
  private static final String SEQ = "lunarbase/v1/hil/sim-1/tlm/seq";

  @TempDir
  static Path data;
  @TempDir
  static Path state;

  private static MosquittoBroker broker;
  private static FirmwareProcess firmware;
  private static MqttRecorder recorder;
  private static Path keys;

  @BeforeAll
  static void startFirmware() {
    keys = FirmwareProcess.projectRoot().resolve("deploy/keys/dev-keys.yml");
    broker = MosquittoBroker.start();
    recorder = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/hil/sim-1/#");
    firmware = MainCommandTest.startOnline(data, broker, recorder);
  }

  @AfterAll
  static void stop() {
    if (firmware != null) {
      firmware.close();
    }
    if (recorder != null) {
      recorder.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aSequenceFileIsLoadedRunAndDone(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("demo.seq"), """
        # a tracker maintenance window, one second after the run starts
        name hil-demo
        +00:00:01  core.NOOP
        +0         core.SET_MODE subsystem=tracker mode=MAINTENANCE
        +500ms     core.SET_MODE subsystem=tracker mode=NOMINAL   # back after half a second
        """);
    LunarctlRun check = LunarctlRun.of("seq", "check", file.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.lines()).first().asString().startsWith("sequence 'hil-demo': 3 entries, on failure STOP, ");

    LunarctlRun load = LunarctlRun.of("seq", "load", TARGET, file.toString(), "--slot", "1", "--key-file",
        keys.toString(), "--key", "dev-operator", "--broker", broker.url(), "--state-dir", state.toString());
    assertThat(load.exit()).as(load.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(load.lines()).containsExactly("ACCEPTED", "COMPLETED: slot 1: 'hil-demo' loaded, 3 entries");

    LunarctlRun run = send("seq.RUN", "slot=1");
    assertThat(run.exit()).as(run.err()).isEqualTo(Lunarctl.EXIT_OK);
    assertThat(run.lines().getLast()).startsWith("COMPLETED: slot 1 'hil-demo' running: 3 entries, entry 1 due ");

    SequenceSlot done = slot(recorder.awaitMatch(SEQ, m -> slot(m).getState() == SequenceSlot.State.STATE_DONE
        && slot(m).getName().equals("hil-demo"), Duration.ofSeconds(20)));
    assertThat(done.getEntriesDone()).isEqualTo(3);
    assertThat(done.getEntriesFailed()).isZero();
    assertThat(done.getLast().getText()).isEqualTo("tracker MAINTENANCE -> NOMINAL");

    LunarctlRun watch = LunarctlRun.of("watch", SEQ, "--count", "1", "--broker", broker.url(), "--timeout", "10s");
    assertThat(watch.exit()).as(watch.err()).isZero();
    assertThat(watch.lines()).singleElement().asString().contains(" hil/sim-1 tlm/seq #")
        .contains("seq 1 'hil-demo' DONE 3/3 last #3 COMPLETED");
  }

  @Test
  void anEntryTheKeyMayNotSendIsRejectedAndAPauseOfAnEmptySlotFails(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("rail.seq"), "name rail-safe\n+1s core.NOOP\n+1s rail.SAFE\n");
    LunarctlRun operator = LunarctlRun.of("seq", "load", TARGET, file.toString(), "--slot", "2", "--key-file",
        keys.toString(), "--key", "dev-operator", "--broker", broker.url(), "--state-dir", state.toString());
    assertThat(operator.exit()).isEqualTo(Lunarctl.EXIT_REJECTED);
    assertThat(operator.lines()).containsExactly("REJECTED REASON_WRONG_ROLE: entry 2 (rail.SAFE): rail.SAFE needs"
        + " role [range-safety]; key dev-operator is operator");

    LunarctlRun pause = send("seq.PAUSE", "slot=2");
    assertThat(pause.exit()).isEqualTo(Lunarctl.EXIT_FAILED);
    assertThat(pause.lines()).containsExactly("ACCEPTED", "FAILED: slot 2 is IDLE, not RUNNING: nothing to pause");

    LunarctlRun rangeSafety = LunarctlRun.of("seq", "load", TARGET, file.toString(), "--slot", "2", "--key-file",
        keys.toString(), "--key", "dev-range-safety", "--broker", broker.url(), "--state-dir", state.toString());
    assertThat(rangeSafety.exit()).as(rangeSafety.err()).isEqualTo(Lunarctl.EXIT_OK);
  }

  private static LunarctlRun send(String command, String... args) {
    List<String> all = new ArrayList<>(List.of("send", TARGET, command));
    all.addAll(List.of(args));
    all.addAll(List.of("--key-file", keys.toString(), "--key", "dev-operator", "--broker", broker.url(),
        "--state-dir", state.toString(), "--timeout", "20s"));
    return LunarctlRun.of(all.toArray(String[]::new));
  }

  private static SequenceSlot slot(Received m) {
    try {
      return TelemetryFrame.parseFrom(m.payload()).getSeq().getSlots(0);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
