package space.lunarbase.fsw.sim.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.StartFailure;
import space.lunarbase.fsw.app.bank.BankManager;
import space.lunarbase.fsw.config.SimControlGuard;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.hal.bank.BankContactor;
import space.lunarbase.hal.bank.CellBank;
import space.lunarbase.hal.board.Board;
import space.lunarbase.hal.sim.CellStringPlant;
import space.lunarbase.hal.sim.SimulatedBoard;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The simulation control channel on a running firmware context (simulated board, real Mosquitto,
 * the real HTTP server): faults reach the simulated chips and plants, the clock obeys, refusals
 * carry a status and a reason; and it cannot be switched on in real mode or on a non-loopback
 * server, nor is it there unless switched on.
 */
class SimControlTest {

  static MosquittoBroker broker;
  static ApplicationContext firmware;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(@TempDir Path data) {
    broker = MosquittoBroker.start();
    // bank management at its slowest period: a contactor fault below takes it seconds to confirm
    firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url(),
        SimControlGuard.ENABLED, "true", "lunarbase.bank.management.period", "1s"));
    EmbeddedServer server = firmware.getBean(EmbeddedServer.class).start();
    base = "http://127.0.0.1:" + server.getPort() + "/sim";
  }

  @AfterAll
  static void stop() {
    if (firmware != null) {
      firmware.close();
    }
    broker.close();
  }

  record Reply(int status, String body) {}

  static Reply get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  static Reply post(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  static Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new AssertionError(request + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  CellBank bank() {
    return firmware.getBean(Board.class).cellBank().orElseThrow();
  }

  @Test
  void theCatalogueListsEveryFamilysFaultsWithTheirParameters() {
    Reply catalogue = get("/faults");

    assertThat(catalogue.status()).isEqualTo(200);
    assertThat(catalogue.body()).contains("\"name\":\"bank.temperature\"", "\"name\":\"tracker.encoder-stuck\"",
        "\"name\":\"rail.dead-gate\"", "\"name\":\"gpio.stuck\"", "\"name\":\"clear\"")
        .contains("{\"name\":\"sensor\",\"kind\":\"integer\",\"min\":0,\"max\":");
  }

  @Test
  void aTemperatureFaultIsWhatTheFirmwaresThermometerReadsUntilCleared() {
    Reply injected = post("/faults/bank.temperature?sensor=0&celsius=80");

    assertThat(injected.status()).as(injected.body()).isEqualTo(200);
    assertThat(injected.body()).contains("\"done\":\"sensor 0 (").contains("reads 80.0 degC");
    assertThat(bank().readTemperatures().getFirst().celsius()).isEqualTo(80.0);

    assertThat(post("/faults/clear").status()).isEqualTo(200);
    assertThat(bank().readTemperatures().getFirst().celsius()).isLessThan(40);
  }

  @Test
  void aContactorFailedOpenShowsInThePlantTruthWhileTheCoilIsStillDriven() {
    SimulatedBoard board = (SimulatedBoard) firmware.getBean(Board.class);
    firmware.getBean(Modes.class).set("bank", Mode.NOMINAL, "the test"); // the bank starts SAFE
    firmware.getBean(BankManager.class).charge(2.0, 10, "the test");
    await().atMost(Duration.ofSeconds(5)).until(() -> bank().readContactor(BankContactor.MAIN).commandedClosed());
    assertThat(get("/state").body()).contains("\"mainCoil\":true,\"mainClosed\":true");

    Reply injected = post("/faults/bank.contactor-failed-open?contactor=main&on=true");

    assertThat(injected.status()).as(injected.body()).isEqualTo(200);
    assertThat(board.bankSim().orElseThrow().plant().contactsClosed(
        space.lunarbase.hal.sim.CellStringPlant.Switch.MAIN)).isFalse();
    assertThat(get("/state").body()).contains("\"mainCoil\":true,\"mainClosed\":false");
    post("/faults/clear");
    assertThat(get("/state").body()).contains("\"mainCoil\":true,\"mainClosed\":true");
  }

  @Test
  void clearMendsADeadCharger() {
    CellStringPlant plant = ((SimulatedBoard) firmware.getBean(Board.class)).bankSim().orElseThrow().plant();

    assertThat(post("/faults/bank.charger-dead?on=true").status()).isEqualTo(200);
    assertThat(plant.chargerDead()).isTrue();
    assertThat(post("/faults/clear").status()).isEqualTo(200);
    assertThat(plant.chargerDead()).as("clear undoes every fault").isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "/faults/bank.overheat?cell=1                       | 404 | no fault 'bank.overheat' on this board",
      "/faults/bank.temperature?sensor=0                  | 400 | bank.temperature needs celsius",
      "/faults/bank.temperature?sensor=0&celsius=80&x=1   | 400 | bank.temperature takes only celsius, sensor; not x",
      "/faults/bank.temperature?sensor=99&celsius=80      | 400 | sensor='99' is not valid: use a whole number from 0 to ",
      "/faults/bank.temperature?sensor=0&celsius=hot      | 400 | celsius='hot' is not valid: use a number from -55.0 to 125.0",
      "/faults/bank.temperature?sensor=0&celsius=NaN      | 400 | celsius='NaN' is not valid",
      "/faults/bank.contactor-welded?contactor=left&on=true | 400 | contactor='left' is not valid: use one of MAIN, DISCHARGE",
      "/faults/bank.pack-monitor-nack?on=yes              | 400 | on='yes' is not valid: use true or false",
      "/faults/bank.temperature?sensor=0&sensor=1&celsius=1 | 400 | parameter sensor is given 2 times",
      "/clock?rate=-1                                     | 400 | rate='-1' is not valid",
      "/clock?speed=2                                     | 400 | give exactly one parameter, rate",
      "/clock/advance?seconds=-5                          | 400 | seconds='-5' is not valid",
  })
  void badRequestsAreRefusedWithAStatusAndAReason(String path, int status, String reason) {
    Reply reply = post(path);

    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.body()).startsWith("{\"error\":\"").contains(reason);
  }

  @Test
  void theClockPausesRunsFasterAndSteps() {
    try {
      Reply paused = post("/clock?rate=0");
      assertThat(paused.status()).as(paused.body()).isEqualTo(200);
      assertThat(paused.body()).contains("\"rate\":0.0");
      String before = simTime(get("/clock"));
      assertThat(simTime(get("/clock"))).as("a paused clock stands").isEqualTo(before);

      Reply stepped = post("/clock/advance?seconds=3600");
      assertThat(Duration.between(Instant.parse(before), Instant.parse(simTime(stepped))))
          .isEqualTo(Duration.ofHours(1));

      assertThat(post("/clock?rate=60").body()).contains("\"rate\":60.0");
      assertThat(((SimulatedBoard) firmware.getBean(Board.class)).clock().rate()).isEqualTo(60.0);
    } finally {
      post("/clock?rate=1");
    }
  }

  private static String simTime(Reply reply) {
    var m = java.util.regex.Pattern.compile("\"simTime\":\"([^\"]+)\"").matcher(reply.body());
    assertThat(m.find()).as(reply.body()).isTrue();
    return m.group(1);
  }

  @Test
  void withoutTheFlagTheChannelIsNotThere(@TempDir Path data) {
    try (ApplicationContext plain = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()))) {
      EmbeddedServer server = plain.getBean(EmbeddedServer.class).start();
      assertThat(plain.findBean(SimFaults.class)).isEmpty();
      var reply = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/sim/faults"))
          .GET().build());
      assertThat(reply.status()).isEqualTo(404);
    }
  }

  @Test
  void inRealModeTheFlagStopsTheStartNamingIt(@TempDir Path data) {
    String line = failedStart(data, Map.of("hal.mode", "real", SimControlGuard.ENABLED, "true"));

    assertThat(line).isEqualTo("lunarbase.sim-control.enabled='true' is not valid: the simulation control channel"
        + " exists only with hal.mode=sim (this is hal.mode=real)");
  }

  @Test
  void onANonLoopbackServerTheFlagStopsTheStart(@TempDir Path data) {
    String line = failedStart(data, Map.of("micronaut.server.host", "0.0.0.0", SimControlGuard.ENABLED, "true"));

    assertThat(line).startsWith("micronaut.server.host='0.0.0.0' is not valid: with lunarbase.sim-control.enabled=true"
        + " the HTTP server must bind a loopback address");
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1, true", "127.1.2.3, true", "localhost, true", "::1, true", "0.0.0.0, false",
      "192.168.1.5, false", "127.0.0.1.example.com, false", "128.0.0.1, false", "'', false"})
  void loopbackMeansALiteralLoopbackAddressOrLocalhost(String host, boolean loopback) {
    assertThat(SimControlGuard.isLoopback(host)).isEqualTo(loopback);
  }

  /** Starts as Application.main does and returns the one line it would print. */
  private static String failedStart(Path data, Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>(Firmware.properties(data, overrides));
    properties.put("lunarbase.link.broker-url", broker.url());
    ApplicationContext context = ApplicationContext.builder().properties(properties).build();
    Throwable failure = catchThrowable(context::start);
    try {
      assertThat(failure).as("the start must fail").isNotNull();
      return StartFailure.describe(failure, context.getEnvironment());
    } finally {
      if (context.isRunning()) {
        context.close();
      }
    }
  }
}
