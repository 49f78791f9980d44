package space.lunarbase.fsw.core.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.hal.Quality;
import space.lunarbase.proto.v1.ChannelInfo;
import space.lunarbase.proto.v1.ChannelTelemetry;
import space.lunarbase.proto.v1.LimitLevel;
import space.lunarbase.proto.v1.RebirthRequest;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoExtension;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;

/**
 * The firmware on the simulated demo board over a real Mosquitto: every declared channel on
 * {@code tlm/channels} (a channel added in a test {@link ChannelSet} included, with no other code),
 * and every subsystem in {@code /health} with its mode and limit state.
 */
class ChannelTelemetryTest {

  static final String CHANNELS = Firmware.topic("tlm/channels");
  static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  @Test
  void everyChannelGoesOutWithValueUnitQualityAndLevelAndEverySubsystemIsInHealth(@TempDir Path data)
      throws Exception {
    Map<String, Object> properties = Firmware.properties(data, Map.of("lunarbase.link.broker-url", broker.url(),
        "lunarbase.limits.period", "100ms", "lunarbase.channels.period", "200ms",
        "lunarbase.channels.catalogue-period", "1m", "lunarbase.test.example-gauge", "true"));
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), CHANNELS);
         EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
      ExampleGauge gauge = server.getApplicationContext().getBean(ExampleGauge.class);
      TelemetryFrame first = frame(recorder.awaitMatch(CHANNELS, m -> frame(m).getChannels().hasCatalogue(), WAIT));
      List<ChannelInfo> catalogue = first.getChannels().getCatalogue().getChannelsList();
      List<String> names = catalogue.stream().map(ChannelInfo::getName).toList();
      assertThat(names).contains("bank.pack_voltage", "bank.pack_current", "bank.cell_01_voltage",
          "bank.cell_12_voltage", "bank.temperature_00", "core.example_gauge");
      int g = names.indexOf("core.example_gauge");
      int volts = names.indexOf("bank.pack_voltage");
      assertThat(catalogue.get(g).getUnit()).isEqualTo("bar");
      assertThat(catalogue.get(g).getRedHigh()).isEqualTo(20.0);
      assertThat(catalogue.get(volts).getUnit()).isEqualTo("V");

      // the tracker's pointing error has no GOOD value while it is not tracking: every other channel GOOD
      ChannelTelemetry settled = awaitChannels(recorder, c -> c.getValueCount() == names.size()
          && java.util.stream.IntStream.range(0, c.getQualityCount()).allMatch(i -> names.get(i).startsWith("tracker.")
              || c.getQuality(i) == space.lunarbase.proto.v1.Quality.QUALITY_GOOD));
      assertThat(settled.getValue(g)).isEqualTo(5.0f);
      assertThat(settled.getValue(volts)).as("the pack (empty at start)").isFinite().isGreaterThanOrEqualTo(0f);
      assertThat(settled.getCatalogueId()).isEqualTo(first.getChannels().getCatalogueId());
      Map<String, Object> health = health(server, 200);
      assertThat(subsystem(health, "bank")).containsEntry("status", "UP");
      // the bank, like the rail, starts SAFE at every start
      assertThat(details(health, "bank")).containsEntry("mode", "SAFE").containsEntry("modeCause", "start")
          .containsEntry("worstLevel", "IN_LIMITS")
          .containsEntry("channels", (int) names.stream().filter(n -> n.startsWith("bank.")).count());
      assertThat(details(health, "rail")).containsEntry("mode", "SAFE").containsEntry("modeCause", "start");
      assertThat(subsystem(health, "rail")).as("a rail at rest is SAFE and UP").containsEntry("status", "UP");
      // an idle tracker's pointing error does not apply: not a bad reading, so UP
      assertThat(details(health, "tracker")).containsEntry("badQuality", List.of());
      assertThat(details(health, "core")).containsEntry("channels", 1);
      assertThat(details(health, "link")).containsEntry("mode", "NOMINAL").containsKey("broker");

      gauge.set(Sample.good(12));
      awaitChannels(recorder, c -> c.getLevelCount() > g && c.getLevel(g) == LimitLevel.LIMIT_LEVEL_YELLOW_HI);
      health = health(server, 200);
      assertThat(subsystem(health, "core")).containsEntry("status", "WARN");
      assertThat(details(health, "core")).containsEntry("worstLevel", "YELLOW_HI")
          .containsEntry("yellow", List.of("core.example_gauge"));
      assertThat(health).as("the worst subsystem status is on top").containsEntry("status", "WARN");

      gauge.set(Sample.bad(Quality.FAILED, "unplugged"));
      ChannelTelemetry bad = awaitChannels(recorder, c -> c.getQualityCount() > g
          && c.getQuality(g) == space.lunarbase.proto.v1.Quality.QUALITY_FAILED);
      assertThat(bad.getFaultsMap()).containsEntry(g, "unplugged");
      assertThat(bad.getValue(g)).isNaN();
      assertThat(details(health(server, 200), "core")).containsEntry("badQuality", List.of("core.example_gauge"));

      gauge.set(Sample.good(25));
      awaitChannels(recorder, c -> c.getLevelCount() > g && c.getLevel(g) == LimitLevel.LIMIT_LEVEL_RED_HI);
      health = health(server, 200);
      assertThat(subsystem(health, "core")).containsEntry("status", "ALARM");
      assertThat(details(health, "core")).containsEntry("red", List.of("core.example_gauge"));
      assertThat(health).as("a red channel is for the operator: no restart").containsEntry("status", "ALARM");

      long before = recorder.on(CHANNELS).size();
      broker.broker().publishOnce(Firmware.topic("rebirth"), RebirthRequest.newBuilder().setReason("console restarted").build().toByteArray());
      recorder.awaitMatch(CHANNELS, m -> frame(m).getChannels().hasCatalogue()
          && recorder.on(CHANNELS).indexOf(m) >= before, WAIT);
    }
  }

  @Test
  void bytesPerFrameOnTheDemoBoard(@TempDir Path data) {
    // the bank's channels (a bank-only board: the tracker's pointing error is not GOOD while it is idle)
    Map<String, Object> properties = Firmware.properties(data, Map.of("lunarbase.link.broker-url", broker.url(),
        "lunarbase.limits.period", "100ms", "hal.board", Firmware.bankOnlyBoard(data).toString()));
    try (MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), CHANNELS);
         ApplicationContext firmware = ApplicationContext.run(properties)) {
      Received withCatalogue = recorder.awaitMatch(CHANNELS, m -> frame(m).getChannels().hasCatalogue(), WAIT);
      Received values = recorder.awaitMatch(CHANNELS, m -> !frame(m).getChannels().hasCatalogue()
          && frame(m).getChannels().getQualityCount() == 0, WAIT);
      ChannelTelemetry channels = frame(values).getChannels();
      System.out.printf("CHANNEL-BYTES demo board: %d channels; frame with catalogue %d bytes, values only %d bytes"
              + " (of which header %d)%n", channels.getValueCount(), withCatalogue.payload().length,
          values.payload().length, frame(values).getHeader().getSerializedSize());
      assertThat(channels.getValueCount()).isEqualTo(frame(withCatalogue).getChannels().getCatalogue().getChannelsCount());
      // 4 bytes a value plus framing; the header (site, controller, boot, sequence, time) on top
      assertThat(values.payload().length).isLessThan(channels.getValueCount() * 5 + 80);
    }
  }

  private static ChannelTelemetry awaitChannels(MqttRecorder recorder, Predicate<ChannelTelemetry> predicate) {
    return frame(recorder.awaitMatch(CHANNELS, m -> !frame(m).getHeader().getHistorical()
        && predicate.test(frame(m).getChannels()), WAIT)).getChannels();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> health(EmbeddedServer server, int expectedStatus) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return server.getApplicationContext().getBean(JsonMapper.class).readValue(response.body(), Map.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> subsystem(Map<String, Object> health, String name) {
    Map<String, Object> all = (Map<String, Object>) health.get("details");
    assertThat(all).as("/health names %s", name).containsKey(name);
    return (Map<String, Object>) all.get(name);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> details(Map<String, Object> health, String name) {
    return new HashMap<>((Map<String, Object>) subsystem(health, name).get("details"));
  }


  static TelemetryFrame frame(Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a TelemetryFrame on " + message.topic(), e);
    }
  }
}
