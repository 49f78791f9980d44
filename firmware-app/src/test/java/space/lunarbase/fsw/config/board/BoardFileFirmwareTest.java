package space.lunarbase.fsw.config.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.StartFailure;
import space.lunarbase.fsw.app.bank.BankManager;
import space.lunarbase.fsw.app.bank.ShotReadiness;
import space.lunarbase.fsw.core.command.CommandRegistry;
import space.lunarbase.hal.board.Board;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;

/** {@code hal.board=<file>} in a started firmware: the file's board runs, its mistakes stop the start in one line. */
class BoardFileFirmwareTest {

  @Test
  void theDemoFileRunsLikeTheBuiltInDemoAndItsBankFramesFlow(@TempDir Path data) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), Firmware.topic("tlm/bank"));
         ApplicationContext firmware = Firmware.start(data, Map.of("hal.board", BoardFiles.demo().toString(),
             "lunarbase.link.broker-url", broker.url()))) {
      Board board = firmware.getBean(Board.class);
      assertThat(board.mode()).isEqualTo("sim");
      assertThat(board.bank()).isPresent();
      assertThat(board.tracker()).isPresent();
      assertThat(board.rail()).isPresent();

      List<Received> frames = recorder.awaitCount(Firmware.topic("tlm/bank"), 1, Duration.ofSeconds(15));

      assertThat(frame(frames.getFirst()).getBank().getBankId()).isEqualTo("bank-1");
    }
  }

  @Test
  void forAFileBoardTheFileIsTheWholeTruthAndLunarbaseBankWiringIsIgnored(@TempDir Path data) {
    try (ApplicationContext firmware = Firmware.start(data, Map.of("hal.board", BoardFiles.demo().toString(),
        "lunarbase.bank.id", "bank-9", "lunarbase.bank.address", "69"))) {
      var bank = firmware.getBean(Board.class).cellBank().orElseThrow();

      assertThat(bank.id()).isEqualTo("bank-1");
    }
  }

  @Test
  void aMistakeInTheFileStopsTheStartWithOneLineNamingFileAndEntry(@TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, "{cell:  3, adc: 0", "{cell:  3, adcc: 0");

    assertThat(startFailure(dir, file.toString())).isEqualTo("hal.board: " + file
        + ": bank.cells[3].adcc: unknown key; allowed: cell, adc, input, gain, expander, pin");
  }

  @Test
  void aWrongTypeIsNamedWithWhatWasWritten(@TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, "[5, 15, 25,", "[5, 15, abc,");

    assertThat(startFailure(dir, file.toString()))
        .isEqualTo("hal.board: " + file + ": rail.gate-positions-m[2]: expected a number, got 'abc'");
  }

  @Test
  void aMissingKeyIsNamed(@TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, "  charger-pwm: 18                       # PWM0\n", "");

    assertThat(startFailure(dir, file.toString()))
        .isEqualTo("hal.board: " + file + ": bank.charger-pwm: required key is missing");
  }

  @Test
  void aMissingFileIsNamedWithWhereItWasLookedFor(@TempDir Path dir) {
    Path file = dir.resolve("nope.yml");

    assertThat(startFailure(dir, file.toString())).isEqualTo("hal.board: " + file + ": no such file (looked for "
        + file.toAbsolutePath().normalize() + "); hal.board is 'demo' or the path of a YAML board file");
  }

  @Test
  void malformedYamlIsPlacedByLineAndColumn(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("broken.yml"), "rail:\n  id: rail-1\n  baud: [1, 2\n");

    assertThat(startFailure(dir, file.toString())).isEqualTo("hal.board: " + file
        + ": line 4, column 1: malformed YAML: expected ',' or ']', but got <stream end>");
  }

  @Test
  void aClashBetweenFamiliesIsHalsMessageAfterTheFileName(@TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, "arm-pin: 15", "arm-pin: 17");

    assertThat(startFailure(dir, file.toString()))
        .isEqualTo("hal.board: " + file + ": GPIO 17 used twice: tracker.azimuth.step and rail.arm");
  }

  @Test
  void aBoardTheDemoPlantsCannotSimulateIsNamed(@TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, "gear-ratio: 100}\n  elevation-mechanics",
        "gear-ratio: 50}\n  elevation-mechanics");

    assertThat(startFailure(dir, file.toString())).startsWith("hal.board: " + file + ": hal.mode=sim simulates the"
        + " demo board's plants (12 cells, demo mechanics, demo rail), which this board does not match: ")
        .contains("differ from the wiring's AxisMechanics[fullStepsPerRev=200, microsteps=16, gearRatio=50.0]");
  }

  @Test
  void aPackMonitorThatCannotMeasureTheCurrentRedLimitStopsTheStart(@TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, "max-current-a: 150", "max-current-a: 100");

    assertThat(startFailure(dir, file.toString())).isEqualTo("hal.board: bank.pack.max-current-a=100.0: the pack"
        + " monitor must measure the pack current's red limit (1.1 x the charger's 100.0 A) of 110.0 A; calibrate it"
        + " (max-current-a, with a shunt small enough) for at least that");
  }

  @Test
  void aBoardWithoutABankHasNoBankManagementAndTheRailIsToldWhy(@TempDir Path dir) throws IOException {
    String demo = Files.readString(BoardFiles.demo());
    Path file = Files.writeString(dir.resolve("no-bank.yml"), demo.substring(demo.indexOf("tracker:")));
    try (ApplicationContext firmware = Firmware.start(dir.resolve("data"), Map.of("hal.board", file.toString()))) {
      assertThat(firmware.getBean(Board.class).cellBank()).isEmpty();
      assertThat(firmware.findBean(BankManager.class)).isEmpty();
      assertThat(firmware.getBean(CommandRegistry.class).find("bank.CHARGE")).isEmpty();

      ShotReadiness.Status status = firmware.getBean(ShotReadiness.class).status();

      assertThat(status.ready()).isFalse();
      assertThat(status.reason()).isEqualTo("no capacitor bank on this controller");
    }
  }

  @Test
  void theDemoKeepsTakingItsPackMonitorFromLunarbaseBank(@TempDir Path data) {
    try (ApplicationContext firmware = Firmware.start(data, Map.of("hal.board", "demo",
        "lunarbase.bank.id", "bank-9", "lunarbase.bank.address", "69"))) {
      var bank = firmware.getBean(Board.class).cellBank().orElseThrow();

      assertThat(bank.id()).isEqualTo("bank-9");
    }
  }

  private static String startFailure(Path dir, String board) {
    Throwable failure = catchThrowable(() -> Firmware.start(dir.resolve("data"), Map.of("hal.board", board)).close());
    assertThat(failure).as("the start must fail").isNotNull();
    String line = StartFailure.describe(failure);
    assertThat(line).doesNotContain("\n");
    return line;
  }

  private static TelemetryFrame frame(Received received) {
    try {
      return TelemetryFrame.parseFrom(received.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
