package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.dictionary.ControllerDictionary;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.ControllerState.Status;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.RebirthRequest;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;

/** The schema topic, rebirth requests, garbage on subscribed topics, link telemetry and /health. */
class LinkServicesTest {

  static final String STATE = Firmware.topic("state");
  static final String SCHEMA = Firmware.topic("schema");
  static final String DICTIONARY = Firmware.topic("dictionary");
  static final String REBIRTH = Firmware.topic("rebirth");
  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void theRetainedSchemaIsTheDescriptorSetWhoseHashTheBirthCarries(@TempDir Path data) throws Exception {
    try (ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()));
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), Firmware.topic("#"))) {
      recorder.awaitCount(SCHEMA, 1, Duration.ofSeconds(10));
      ControllerState birth = onlineState(recorder);
      Received schema;
      try (MqttRecorder late = MqttRecorder.subscribe(broker.url(), SCHEMA)) {
        schema = late.awaitCount(SCHEMA, 1, Duration.ofSeconds(10)).getFirst();
      }

      assertThat(schema.retained()).as("a late subscriber gets the schema retained").isTrue();
      assertThat(FileDescriptorSet.parseFrom(schema.payload())).isEqualTo(Schema.descriptorSet());
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(schema.payload()));
      assertThat(birth.getSchemaHash()).isEqualTo(sha);
    }
  }

  @Test
  void theRetainedDictionaryIsTheControllersOwnAndTheBirthCarriesItsHash(@TempDir Path data) throws Exception {
    try (ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()));
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), Firmware.topic("#"))) {
      recorder.awaitCount(DICTIONARY, 1, Duration.ofSeconds(10));
      ControllerState birth = onlineState(recorder);
      Received published;
      try (MqttRecorder late = MqttRecorder.subscribe(broker.url(), DICTIONARY)) {
        published = late.awaitCount(DICTIONARY, 1, Duration.ofSeconds(10)).getFirst();
      }

      assertThat(published.retained()).as("a late subscriber gets the dictionary retained").isTrue();
      Dictionary dictionary = Dictionary.parseFrom(published.payload());
      assertThat(dictionary).isEqualTo(firmware.getBean(ControllerDictionary.class).dictionary());
      assertThat(dictionary.getCommandsList()).extracting(CommandInfo::getName).contains("bank.CHARGE", "core.NOOP");
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(published.payload()));
      assertThat(birth.getDictionaryHash()).isEqualTo(sha);
    }
  }

  @Test
  void aRebirthRequestRepublishesBirthAndSchemaAndGarbageIsCountedAndIgnored(@TempDir Path data) throws Exception {
    try (ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()));
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), Firmware.topic("#"))) {
      MqttLink link = firmware.getBean(MqttLink.class);
      await().atMost(Duration.ofSeconds(10)).until(link::isConnected);
      ControllerState first = onlineState(recorder);

      broker.broker().publishOnce(REBIRTH, new byte[] {(byte) 0xFF, 0x01, 0x02});              // truncated garbage
      broker.broker().publishOnce(REBIRTH, ControllerState.newBuilder().setStatus(Status.STATUS_ONLINE).setBootCount(3).build()
          .toByteArray());                                                   // a message of another type
      broker.broker().publishOnce(REBIRTH, "hello".getBytes(StandardCharsets.UTF_8));
      await("garbage counted").atMost(Duration.ofSeconds(5)).until(() -> link.health().garbageReceived() >= 3);
      assertThat(link.isConnected()).isTrue();

      broker.broker().publishOnce(REBIRTH, RebirthRequest.newBuilder().setReason("console restarted").build().toByteArray());
      long firstSequence = first.getHeader().getSequence();
      ControllerState again = state(recorder.awaitMatch(STATE, m -> state(m).getStatus() == Status.STATUS_ONLINE
          && state(m).getHeader().getSequence() > firstSequence, Duration.ofSeconds(10)));
      assertThat(recorder.on(SCHEMA).size()).as("schema published again").isGreaterThanOrEqualTo(2);
      assertThat(again.getHeader().getSequence()).isGreaterThan(first.getHeader().getSequence());
      assertThat(again.getBootCount()).isEqualTo(first.getBootCount());
      assertThat(link.health().garbageReceived()).isEqualTo(3);
    }
  }

  @Test
  void theLinkReportsItselfAsTelemetryAndInHealth(@TempDir Path data) throws Exception {
    Map<String, Object> properties = Firmware.properties(data, Map.of("lunarbase.link.broker-url", broker.url(),
        "lunarbase.link.health-period", "200ms"));
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), Firmware.topic("tlm/link"))) {
      TelemetryFrame frame = TelemetryFrame.parseFrom(recorder.awaitMatch(Firmware.topic("tlm/link"),
          m -> parse(m).getLink().getPublished() > 0, Duration.ofSeconds(10)).payload());
      assertThat(frame.getLink().getStatus().name()).isEqualTo("STATUS_OK");
      assertThat(frame.getLink().getOutboxCapacity()).isEqualTo(10_000);
      assertThat(frame.getLink().getProtocol()).isEqualTo("MQTT 5");
      assertThat(frame.getLink().getFailure()).isEmpty();

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"link\"").contains("\"journalPending\"")
          .contains("\"reconnects\"").contains("\"outboxDepth\"").contains("\"replayed\"")
          .contains("\"protocol\":\"MQTT 5\"").contains("\"clientId\":\"test-site-ctl-1\"")
          .contains("\"inboundOversize\":0").contains("\"inboundRetained\":0").contains("\"takeovers\":0")
          .contains("\"receiveIdleMs\"");
    }
  }

  private static TelemetryFrame parse(Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static ControllerState onlineState(MqttRecorder recorder) {
    return recorder.on(STATE).stream().filter(m -> !m.retained()).map(LinkServicesTest::state)
        .filter(s -> s.getStatus() == Status.STATUS_ONLINE).findFirst().orElseGet(() ->
            state(recorder.awaitMatch(STATE, m -> state(m).getStatus() == Status.STATUS_ONLINE, Duration.ofSeconds(10))));
  }

  static ControllerState state(Received message) {
    try {
      return ControllerState.parseFrom(message.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
