package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;

/**
 * {@code lunarctl record} and {@code lunarctl replay} against a real Mosquitto: what is recorded
 * comes back in order under a fresh topic prefix; a damaged file replays up to the damage.
 */
class RecordReplayTest {

  private static final Instant T0 = Instant.parse("2026-11-30T03:40:00Z");

  private static MosquittoBroker broker;
  /** The six messages one recording holds, shared by the replay tests. */
  private static Path recording;
  private static List<Received> published;

  @TempDir
  static Path dir;

  @BeforeAll
  static void recordSixMessages() throws Exception {
    broker = MosquittoBroker.start();
    recording = dir.resolve("six.lbrec");
    try (Wire wire = new Wire(broker.url(), "rec-site", "bank-ctl-1");
        MqttRecorder reference = MqttRecorder.subscribe(broker.url(), "lunarbase/v1/rec-site/#")) {
      wire.publishSchema();
      Run record = Run.start("record", recording.toString(), "lunarbase/v1/rec-site/#", "--count", "6", "--json",
          "--broker", broker.url());
      reference.awaitCount(wire.prefix() + "schema", 1, Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(5))
          .until(() -> Files.exists(recording) && Files.size(recording) > RecordFile.HEADER_BYTES);
      for (int sequence = 1; sequence <= 4; sequence++) {
        wire.publish("tlm/bank", TelemetryFrame.newBuilder().setHeader(wire.header(3, sequence, T0.plusSeconds(sequence)))
            .setBank(BankTelemetry.newBuilder().setBankId("bank-1").setPackVoltageV(12 + sequence)
                .setQuality(Quality.QUALITY_GOOD)).build().toByteArray(), false);
      }
      wire.publish("evt", Event.newBuilder().setHeader(wire.header(3, 1, T0)).setSeverity(Severity.SEVERITY_DIAGNOSTIC)
          .setName("HELLO").setId(1).setText("hello").build().toByteArray(), false);

      assertThat(record.exitCode()).isZero();
      assertThat(record.err()).isEmpty();
      assertThat(record.lines()).singleElement().asString()
          .startsWith("{\"command\":\"record\",\"file\":\"" + recording + "\",\"filter\":\"lunarbase/v1/rec-site/#\",")
          .contains("\"messages\":6,").endsWith(",\"exitCode\":0}");
      reference.awaitCount(wire.prefix() + "evt", 1, Duration.ofSeconds(5));
      published = reference.all();
      assertThat(published).hasSize(6);
    }
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void aRecordingReplaysUnderAFreshPrefixWithTheSamePayloadsInTheSameOrder() throws Exception {
    try (MqttRecorder replayed = MqttRecorder.subscribe(broker.url(), "replay-1/#")) {
      Run replay = Run.of("replay", recording.toString(), "--as-fast-as-possible", "--topic-prefix", "replay-1",
          "--broker", broker.url());

      assertThat(replay.exitCode()).isZero();
      assertThat(replay.err()).isEmpty();
      assertThat(replay.lines()).singleElement().asString().startsWith("replayed 6 messages (")
          .contains(" to " + broker.url() + " under 'replay-1/' in ");
      await().atMost(Duration.ofSeconds(5)).until(() -> replayed.all().size() >= 6);
      assertThat(replayed.all()).extracting(Received::topic)
          .containsExactlyElementsOf(published.stream().map(m -> "replay-1/" + m.topic()).toList());
      assertThat(replayed.all()).extracting(m -> Arrays.toString(m.payload()))
          .containsExactlyElementsOf(published.stream().map(m -> Arrays.toString(m.payload())).toList());
    }
  }

  @Test
  void aTruncatedRecordingReplaysItsGoodPartAndNamesTheOffset() throws Exception {
    byte[] whole = Files.readAllBytes(recording);
    long fourth = RecordFile.HEADER_BYTES + recordBytes(published.get(0)) + recordBytes(published.get(1))
        + recordBytes(published.get(2));
    Path truncated = dir.resolve("truncated.lbrec");
    Files.write(truncated, Arrays.copyOf(whole, (int) fourth + 10)); // the 4th record cut after 10 bytes

    try (MqttRecorder replayed = MqttRecorder.subscribe(broker.url(), "replay-2/#")) {
      Run replay = Run.of("replay", truncated.toString(), "--as-fast-as-possible", "--topic-prefix", "replay-2/",
          "--broker", broker.url(), "--json");

      assertThat(replay.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
      assertThat(replay.err()).startsWith("lunarctl: " + truncated + ": truncated record at offset " + fourth + " (")
          .endsWith("; replayed the 3 messages before it\n");
      assertThat(replay.lines()).singleElement().asString().contains("\"messages\":3,")
          .contains("\"errorOffset\":" + fourth + ",").endsWith("\"exitCode\":4}");
      await().atMost(Duration.ofSeconds(5)).until(() -> replayed.all().size() >= 3);
      assertThat(replayed.all()).extracting(m -> Arrays.toString(m.payload()))
          .containsExactlyElementsOf(published.subList(0, 3).stream().map(m -> Arrays.toString(m.payload())).toList());
    }
  }

  @Test
  void aCorruptRecordStopsTheReplayAtItsOffset() throws Exception {
    byte[] damaged = Files.readAllBytes(recording);
    long second = RecordFile.HEADER_BYTES + recordBytes(published.get(0));
    damaged[(int) second + 4 + 12 + 3] ^= 0x40; // a byte of the second record's topic
    Path corrupt = dir.resolve("corrupt.lbrec");
    Files.write(corrupt, damaged);

    Run replay = Run.of("replay", corrupt.toString(), "--as-fast-as-possible", "--topic-prefix", "replay-3",
        "--broker", broker.url());

    assertThat(replay.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(replay.err()).isEqualTo("lunarctl: " + corrupt + ": corrupt record at offset " + second
        + " (CRC mismatch); replayed the 1 messages before it\n");
    assertThat(replay.out()).contains("replayed 1 messages").contains("(stopped at offset " + second + ")");
  }

  @Test
  void aFileThatIsNotARecordingReplaysNothing() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "not a recording at all");

    Run replay = Run.of("replay", text.toString(), "--broker", broker.url());
    Run missing = Run.of("replay", dir.resolve("nowhere").toString(), "--broker", broker.url());

    assertThat(replay.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(replay.err()).isEqualTo("lunarctl: " + text + ": not a lunarctl record file (no LBRECORD magic);"
        + " nothing replayed\n");
    assertThat(missing.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
  }

  @Test
  void replayKeepsTheRecordedSpacingScaledBySpeed() throws Exception {
    Path paced = dir.resolve("paced.lbrec");
    long start = Wire.nanos(T0);
    try (RecordFile.Writer writer = new RecordFile.Writer(paced)) {
      for (int i = 0; i < 3; i++) {
        writer.write(new RecordFile.Entry("paced/" + i, new byte[] {(byte) i}, 1, false, start + i * 400_000_000L));
      }
    }

    try (MqttRecorder replayed = MqttRecorder.subscribe(broker.url(), "paced/#")) {
      long before = System.nanoTime();
      Run replay = Run.of("replay", paced.toString(), "--speed", "4", "--broker", broker.url());
      long tookMillis = (System.nanoTime() - before) / 1_000_000;

      assertThat(replay.exitCode()).isZero();
      assertThat(tookMillis).as("800 ms recorded, at 4x").isGreaterThanOrEqualTo(200);
      await().atMost(Duration.ofSeconds(5)).until(() -> replayed.all().size() >= 3);
      assertThat(replayed.all()).extracting(Received::topic).containsExactly("paced/0", "paced/1", "paced/2");
    }
  }

  @Test
  void recordRefusesToOverwriteAndStopsAtItsTimeout() throws Exception {
    Run exists = Run.of("record", recording.toString(), "lunarbase/v1/#", "--broker", broker.url());
    Path quiet = dir.resolve("quiet.lbrec");
    Run timedOut = Run.of("record", quiet.toString(), "nobody/publishes/here", "--timeout", "300ms",
        "--broker", broker.url());

    assertThat(exists.exitCode()).isEqualTo(Lunarctl.EXIT_FILE);
    assertThat(exists.err()).isEqualTo("lunarctl: " + recording + " exists (--force overwrites it)\n");
    assertThat(timedOut.exitCode()).isZero();
    assertThat(timedOut.lines()).singleElement().asString()
        .startsWith("recorded 0 messages (0 payload bytes) from 'nobody/publishes/here' at " + broker.url());
    try (RecordFile.Reader reader = new RecordFile.Reader(quiet)) {
      assertThat(reader.next()).isNull();
    }
  }

  /** The bytes one message takes in a record file (see ground/README.md): length, fixed fields, topic, payload, CRC. */
  private static long recordBytes(Received message) {
    return 4 + 8 + 1 + 1 + 2 + message.topic().getBytes(StandardCharsets.UTF_8).length + message.payload().length + 4;
  }
}
