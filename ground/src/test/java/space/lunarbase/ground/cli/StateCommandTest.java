package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.testkit.MosquittoBroker;

/** {@code lunarctl state} against a real Mosquitto holding retained births and deaths. */
class StateCommandTest {

  private static final Instant STARTED = Instant.parse("2026-11-30T03:40:00Z");
  private static final String HASH = Schema.hash().substring(0, 12);

  private static MosquittoBroker broker;

  @BeforeAll
  static void startBrokerWithTwoControllers() throws Exception {
    broker = MosquittoBroker.start();
    try (Wire bank = new Wire(broker.url(), "lunar-south", "bank-ctl-1");
        Wire rail = new Wire(broker.url(), "lunar-south", "rail-ctl-1");
        Wire elsewhere = new Wire(broker.url(), "lunar-north", "bank-ctl-9")) {
      bank.publish("state", bank.online(3, STARTED).toByteArray(), true);
      // the last will, as the broker publishes it: composed at connect time, unsequenced
      rail.publish("state", rail.online(7, STARTED.minusSeconds(3600)).toBuilder()
          .setHeader(rail.header(7, 0, STARTED.minusSeconds(3599))).setStatus(ControllerState.Status.STATUS_OFFLINE)
          .setReason("connection lost").setHalMode("real").build().toByteArray(), true);
      elsewhere.publish("state", elsewhere.online(1, STARTED).toByteArray(), true);
    }
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void listsEveryControllerOfASiteAsATable() throws Exception {
    Run state = Run.of("state", "lunar-south", "--broker", broker.url());

    assertThat(state.exitCode()).isZero();
    assertThat(state.lines()).containsExactly(
        "CONTROLLER              STATUS                     BOOT  FIRMWARE  HAL   SCHEMA           STARTED",
        "lunar-south/bank-ctl-1  ONLINE                     3     0.1.0     sim   v1 " + HASH + "  2026-11-30T03:40:00.000Z",
        "lunar-south/rail-ctl-1  OFFLINE (connection lost)  7     0.1.0     real  v1 " + HASH + "  2026-11-30T02:40:00.000Z");
    assertThat(state.err()).isEmpty();
  }

  @Test
  void jsonIsOneObjectPerController() throws Exception {
    Run state = Run.of("state", "--json", "--broker", broker.url());

    assertThat(state.exitCode()).isZero();
    List<Struct> objects = state.lines().stream().map(StateCommandTest::parse).toList();
    assertThat(objects).extracting(o -> o.getFieldsOrThrow("controller").getStringValue())
        .containsExactly("lunar-north/bank-ctl-9", "lunar-south/bank-ctl-1", "lunar-south/rail-ctl-1");
    Struct rail = objects.get(2);
    assertThat(rail.getFieldsOrThrow("status").getStringValue()).isEqualTo("OFFLINE");
    assertThat(rail.getFieldsOrThrow("reason").getStringValue()).isEqualTo("connection lost");
    assertThat(rail.getFieldsOrThrow("bootCount").getNumberValue()).isEqualTo(7);
    assertThat(rail.getFieldsOrThrow("halMode").getStringValue()).isEqualTo("real");
    assertThat(rail.getFieldsOrThrow("schemaHash").getStringValue()).isEqualTo(Schema.hash());
    assertThat(rail.getFieldsOrThrow("startTime").getStringValue()).isEqualTo("2026-11-30T02:40:00.000Z");
    assertThat(rail.getFieldsOrThrow("retained").getBoolValue()).isTrue();
    Struct bank = objects.get(1);
    assertThat(bank.getFieldsOrThrow("status").getStringValue()).isEqualTo("ONLINE");
    assertThat(bank.containsFields("reason")).isFalse();
    assertThat(bank.getFieldsOrThrow("firmwareVersion").getStringValue()).isEqualTo("0.1.0");
  }

  @Test
  void oneControllerByItsPathAndNoneIsNotAnError() throws Exception {
    Run one = Run.of("state", "lunar-south/rail-ctl-1", "--broker", broker.url(), "--json");
    Run none = Run.of("state", "far-side", "--broker", broker.url());

    assertThat(one.exitCode()).isZero();
    assertThat(one.lines()).singleElement().asString().contains("\"controller\":\"lunar-south/rail-ctl-1\"");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).isEqualTo("lunarctl: no controller state on 'lunarbase/v1/far-side/+/state'\n");
  }

  @Test
  void anUnreachableBrokerExitsWithTwoAndABadArgumentWith64() throws Exception {
    String url = "tcp://127.0.0.1:" + MosquittoBroker.FreePort.find();

    Run unreachable = Run.of("state", "--broker", url);
    Run bad = Run.of("state", "Lunar_South/x/y", "--broker", broker.url());

    assertThat(unreachable.exitCode()).isEqualTo(Lunarctl.EXIT_BROKER);
    assertThat(unreachable.err()).startsWith("lunarctl: cannot connect to " + url);
    assertThat(bad.exitCode()).isEqualTo(Lunarctl.EXIT_USAGE);
    assertThat(bad.out()).isEmpty();
  }

  private static Struct parse(String line) {
    try {
      Struct.Builder struct = Struct.newBuilder();
      JsonFormat.parser().merge(line, struct);
      return struct.build();
    } catch (Exception e) {
      throw new AssertionError("not a JSON object: " + line, e);
    }
  }
}
