package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.app.bank.BankManager;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.ControllerState.Status;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;
import space.lunarbase.testkit.TcpProxy;

/** The firmware against a real Mosquitto: frames, sequence numbers, birth, last will, clean stop. */
class TelemetryLinkTest {

  static final String BANK = Firmware.topic("tlm/bank");
  static final String STATE = Firmware.topic("state");
  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void framesArriveInSequenceWithTheirHeaderAndGoodBankReadings(@TempDir Path data) throws Exception {
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/#");
         ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()))) {
      BankManager manager = firmware.getBean(BankManager.class);
      await().atMost(Duration.ofSeconds(5)).until(() -> manager.latest().isPresent());
      firmware.getBean(Modes.class).set("bank", Mode.NOMINAL, "the test"); // the bank starts SAFE
      manager.charge(2.0, 10, "the test");
      List<Received> received = recorder.awaitCount(BANK, 20, Duration.ofSeconds(15));

      List<TelemetryFrame> frames = received.stream().map(TelemetryLinkTest::frame).toList();
      // frames sampled before the first connection are journaled and replayed as historical:
      // live and historical each rise, and together they have every number once
      assertThat(frames.stream().filter(f -> !f.getHeader().getHistorical()).map(f -> f.getHeader().getSequence()))
          .isSorted().doesNotHaveDuplicates();
      assertThat(frames.stream().filter(f -> f.getHeader().getHistorical()).map(f -> f.getHeader().getSequence()))
          .isSorted().doesNotHaveDuplicates();
      long highest = frames.stream().mapToLong(f -> f.getHeader().getSequence()).max().orElseThrow();
      assertThat(frames.stream().map(f -> f.getHeader().getSequence()).sorted().toList())
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, highest).boxed().toList());
      TelemetryFrame first = frames.stream().filter(f -> f.getHeader().getSequence() == 1).findFirst().orElseThrow();
      assertThat(first.getHeader().getSiteId()).isEqualTo("test-site");
      assertThat(first.getHeader().getControllerId()).isEqualTo("ctl-1");
      assertThat(first.getHeader().getBootCount()).isEqualTo(1);
      assertThat(first.getHeader().getSchemaVersion()).isEqualTo(Schema.VERSION);
      Instant sampled = Instant.ofEpochSecond(0, first.getHeader().getSampleTimeNs());
      assertThat(sampled).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
      assertThat(frames).allSatisfy(frame -> {
        assertThat(frame.getBank().getQuality()).isEqualTo(Quality.QUALITY_GOOD);
        assertThat(frame.getBank().getBankId()).isEqualTo("bank-1");
      });
      // the charge commanded at start flows at its setpoint in every frame that shows it
      assertThat(frames).filteredOn(f -> f.getBank().getChargeSetpointA() == 10.0).isNotEmpty()
          .allSatisfy(f -> assertThat(f.getBank().getPackCurrentA()).isBetween(9.0, 10.5));
      assertThat(frames.getLast().getBank().getPackVoltageV())
          .isGreaterThanOrEqualTo(first.getBank().getPackVoltageV());
    }
  }

  @Test
  void birthIsRetainedForLateSubscribersAndACleanStopReplacesItWithOffline(@TempDir Path data) {
    ApplicationContext firmware;
    try (MqttRecorder early = MqttRecorder.subscribe(broker.url(), STATE)) {
      firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()));
      early.awaitMatch(STATE, m -> !m.retained() && state(m).getStatus() == Status.STATUS_ONLINE,
          Duration.ofSeconds(10));
    }
    try (MqttRecorder late = MqttRecorder.subscribe(broker.url(), STATE)) {
      Received birth = late.awaitCount(STATE, 1, Duration.ofSeconds(5)).getFirst();
      assertThat(birth.retained()).isTrue();
      ControllerState online = state(birth);
      assertThat(online.getStatus()).isEqualTo(Status.STATUS_ONLINE);
      assertThat(online.getBootCount()).isEqualTo(1);
      assertThat(online.getSchemaHash()).isEqualTo(Schema.hash());
      assertThat(online.getHalMode()).isEqualTo("sim");
      assertThat(online.getFirmwareVersion()).isNotBlank().isNotEqualTo("unknown");

      firmware.close();

      ControllerState offline = state(late.awaitMatch(STATE,
          m -> !m.retained() && state(m).getStatus() == Status.STATUS_OFFLINE, Duration.ofSeconds(10)));
      assertThat(offline.getReason()).isEqualTo("shutdown");
      assertThat(offline.getHeader().getSequence()).isGreaterThan(online.getHeader().getSequence());
    }
    try (MqttRecorder after = MqttRecorder.subscribe(broker.url(), STATE)) {
      assertThat(state(after.awaitCount(STATE, 1, Duration.ofSeconds(5)).getFirst()).getStatus())
          .as("the retained state after a clean stop").isEqualTo(Status.STATUS_OFFLINE);
    }
  }

  @Test
  void whenTheConnectionDiesTheBrokerPublishesTheLastWillAndTheControllerIsBornAgain(@TempDir Path data) {
    try (TcpProxy network = TcpProxy.to(broker.port());
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), STATE);
         ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", network.url()))) {
      recorder.awaitMatch(STATE, m -> !m.retained() && state(m).getStatus() == Status.STATUS_ONLINE,
          Duration.ofSeconds(10));

      network.cut();

      ControllerState will = state(recorder.awaitMatch(STATE,
          m -> state(m).getStatus() == Status.STATUS_OFFLINE && !m.retained(), Duration.ofSeconds(10)));
      assertThat(will.getReason()).isEqualTo("connection lost");
      assertThat(will.getHeader().getSequence()).as("the will is composed before it is needed").isZero();
      assertThat(will.getBootCount()).isEqualTo(1);
      await("rebirth after reconnect").atMost(Duration.ofSeconds(15)).until(() -> recorder.on(STATE).stream()
          .filter(m -> !m.retained()).map(TelemetryLinkTest::state)
          .filter(s -> s.getStatus() == Status.STATUS_ONLINE).count() >= 2);
    }
  }

  @Test
  void bytesCapturedWithMosquittoSubDecodeWithProtoc(@TempDir Path data) throws Exception {
    try (ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()))) {
      Path capture = data.resolve("frame.bin");
      Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(broker.port()),
          "-t", BANK, "-C", "1", "-N").redirectOutput(capture.toFile()).redirectErrorStream(false).start();
      assertThat(sub.waitFor(15, TimeUnit.SECONDS)).as("mosquitto_sub received a frame").isTrue();
      assertThat(sub.exitValue()).isZero();

      Path protoRoot = Path.of("..", "proto", "src", "main", "proto").toAbsolutePath().normalize();
      Process protoc = new ProcessBuilder("protoc", "--decode=lunarbase.v1.TelemetryFrame", "-I", protoRoot.toString(),
          "lunarbase/v1/telemetry.proto").redirectInput(capture.toFile()).redirectErrorStream(true).start();
      String decoded = new String(protoc.getInputStream().readAllBytes());
      assertThat(protoc.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(protoc.exitValue()).as(decoded).isZero();
      assertThat(decoded).contains("controller_id: \"ctl-1\"").contains("site_id: \"test-site\"")
          .contains("bank_id: \"bank-1\"").contains("quality: QUALITY_GOOD").contains("state: STATE_SAFE")
          .contains("index: 12").contains("location: \"cell-1/28-0000000000a0\"")
          .containsPattern("sequence: \\d+");
      assertThat(Files.size(capture)).isPositive();
    }
  }

  @Test
  void aOneKilohertzSeriesTravelsInBatchesNotOneMessagePerSample(@TempDir Path data) {
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), BANK);
         ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url(),
             "lunarbase.bank.sample-period", "100ms", "lunarbase.bank.fast-sample-period", "1ms",
             // 1 kHz sampling runs in a 1 kHz rate group
             "lunarbase.rate-groups.fast", "1kHz"))) {
      List<TelemetryFrame> frames = recorder.awaitCount(BANK, 12, Duration.ofSeconds(20)).stream()
          .map(TelemetryLinkTest::frame).filter(f -> !f.getHeader().getHistorical()).skip(1).limit(10).toList();

      assertThat(frames).allSatisfy(frame -> {
        assertThat(frame.getBatchesList()).extracting(b -> b.getChannel())
            .containsExactly("pack_voltage_v", "pack_current_a");
        var voltage = frame.getBatches(0);
        assertThat(voltage.getTimeOffsetNsCount()).isEqualTo(voltage.getValueCount());
        assertThat(voltage.getTimeOffsetNsList()).allSatisfy(offset ->
            assertThat(offset).isBetween(-1_000_000_000L, 5_000_000L));
      });
      int samples = frames.stream().mapToInt(f -> f.getBatches(0).getValueCount()).sum();
      assertThat(samples).as("pack voltage samples in 10 frames of 100 ms at 1 kHz").isGreaterThan(500);
      double bytesPerSample = frames.stream().mapToInt(TelemetryFrame::getSerializedSize).sum() / (2.0 * samples);
      double batchBytesPerSample = frames.stream().flatMap(f -> f.getBatchesList().stream())
          .mapToInt(com.google.protobuf.MessageLite::getSerializedSize).sum() / (2.0 * samples);
      System.out.printf("1 kHz batches: %.2f bytes per sample in the batches, %.2f with the whole frames%n",
          batchBytesPerSample, bytesPerSample);
      assertThat(batchBytesPerSample).as("bytes per sample in the batches").isLessThan(9.0);
      // each 100 ms frame also carries the bank's state (12 cells, 12 thermometers, contactors: ~700 bytes)
      assertThat(bytesPerSample).as("bytes per sample on the wire, bank state included").isLessThan(16.0);
    }
  }

  static TelemetryFrame frame(Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a TelemetryFrame on " + message.topic(), e);
    }
  }

  static ControllerState state(Received message) {
    try {
      return ControllerState.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a ControllerState on " + message.topic(), e);
    }
  }
}
