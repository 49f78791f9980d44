package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The console in headless Chromium against the station, a real Mosquitto and the firmware as a
 * process on a simulated board: the tree, the controller's dictionary (its channels' types, its
 * commands, its hash as the birth names it), a live plot, a limit pushed red through the simulation
 * channel, and a killed controller going OFFLINE. Screenshots land in target/console-shots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTest {

  private static final String CONTROLLER = "lunar-south/bank-ctl-1";
  private static final String CTL = "lunar-south.bank-ctl-1";
  private static final Path SHOTS = Path.of("target/console-shots");

  @TempDir
  static Path dir;

  private MosquittoBroker broker;
  private ProjectProcess firmware;
  private ApplicationContext context;
  private Browser browser;
  private String base;
  private String simControl;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    broker = MosquittoBroker.start();
    context = ApplicationContext.run(EmbeddedServer.class, Map.of(
        "lunarbase.station.broker-url", broker.url(),
        "lunarbase.station.data-dir", dir.resolve("station").toString(),
        "micronaut.server.port", -1)).getApplicationContext();
    base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort() + "/";
    firmware = ProjectProcess.start("run-sim", List.of("--lunarbase.link.broker-url=" + broker.url(),
        "--lunarbase.data-dir=" + dir.resolve("firmware"), "--lunarbase.sim-control.enabled=true",
        "--lunarbase.channels.catalogue-period=10s"));
    String line = firmware.awaitStdout("Simulation control: ", Duration.ofSeconds(120));
    simControl = line.substring(line.indexOf("http://"), line.indexOf("/sim") + 4);
    browser = new Browser(dir.resolve("chromium"), 1400, 900);
    await("the controller's channels in the station").atMost(Duration.ofSeconds(60))
        .until(() -> get(base + "api/site").contains("bank.cell_01_voltage"));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (firmware != null) {
      firmware.close();
    }
    if (context != null) {
      context.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private String get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }

  private String post(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static List<String> concat(String first, List<String> rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
  }

  private void open(String path) {
    browser.driver().get(base + "#/browse/" + path);
  }

  private String pageText() {
    return browser.driver().findElement(By.tagName("body")).getText();
  }

  private long realtimePoints(String series) {
    Object n = browser.script("return (window.lunarbaseStats && window.lunarbaseStats.realtime[arguments[0]]) || 0;",
        CONTROLLER + "/" + series);
    return ((Number) n).longValue();
  }

  @Test
  @Order(1)
  void theTreeShowsTheControllerAndItsChannels() {
    open("lunarbase:site/lunarbase:ctl~" + CTL + "/lunarbase:sub~" + CTL + "~bank");
    try {
      await("the bank's channels listed").atMost(Duration.ofSeconds(30))
          .until(() -> pageText().contains("cell_01_voltage") && pageText().contains("pack_voltage_v"));
    } catch (RuntimeException e) {
      browser.screenshot(SHOTS.resolve("failed-tree.png"));
      throw new AssertionError("page: " + pageText() + "\nurl: " + browser.driver().getCurrentUrl()
          + "\nconsole: " + browser.consoleLog() + "\nsource: " + browser.driver().getPageSource().replaceAll("<style[^<]*</style>", "").substring(0, 3000), e);
    }
    assertThat(pageText()).contains("bank-ctl-1");
    browser.screenshot(SHOTS.resolve("tree.png"));
  }

  @Test
  @Order(2)
  void theTreeAndTheApiCarryTheControllersDictionary() {
    await("the dictionary its birth names, in the station").atMost(Duration.ofSeconds(30))
        .until(() -> get(base + "api/site").contains("\"dictionary\":{\"hash\":"));
    String site = get(base + "api/site");
    Matcher birth = Pattern.compile("\"dictionaryHash\":\"([0-9a-f]{64})\"").matcher(site);
    assertThat(birth.find()).as("the birth's dictionary_hash in %s", site).isTrue();
    assertThat(site).contains("\"dictionary\":{\"hash\":\"" + birth.group(1) + "\"");

    // the channels' type is only in the dictionary; the commands come from it alone
    open("lunarbase:site/lunarbase:ctl~" + CTL + "/lunarbase:sub~" + CTL + "~bank");
    await("the bank's channels with their declared type").atMost(Duration.ofSeconds(30))
        .until(() -> pageText().contains("cell_01_voltage (V) F64, yellow outside"));
    Matcher declared = Pattern.compile("\"subsystems\":\\[([^\\]]*)\\]").matcher(site);
    assertThat(declared.find()).isTrue();
    List<String> subsystems = Arrays.stream(declared.group(1).split(",")).map(x -> x.replace("\"", "")).toList();
    assertThat(subsystems).contains("bank", "core");
    open("lunarbase:site/lunarbase:ctl~" + CTL);
    await("the controller's subsystems from its dictionary, and its commands").atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> browser.driver().findElements(By.cssSelector(".lb-contents__item")).stream()
            .map(e -> e.getText()).toList().containsAll(concat("Commands", subsystems)));
    open("lunarbase:site/lunarbase:ctl~" + CTL + "/lunarbase:cmds~" + CTL);
    await("what it accepts").atMost(Duration.ofSeconds(30)).until(() -> pageText().contains("bank.CHARGE"));
    assertThat(pageText()).contains("operator").contains("core.SET_PARAM");
    browser.screenshot(SHOTS.resolve("commands.png"));
  }

  @Test
  @Order(3)
  void aLivePlotGainsPoints() {
    open("lunarbase:site/lunarbase:ctl~" + CTL + "/lunarbase:sub~" + CTL + "~bank/lunarbase:tlm~" + CTL
        + "~bank.pack_voltage");
    await("the plot drawn").atMost(Duration.ofSeconds(30))
        .until(() -> !browser.driver().findElements(By.cssSelector(".gl-plot canvas, .c-plot canvas")).isEmpty());
    await("live points").atMost(Duration.ofSeconds(20)).until(() -> realtimePoints("bank.pack_voltage") > 0);
    // headless without a GPU: WebGL is emulated on the CPU, so the console has Open MCT draw with canvas 2D
    assertThat((String) browser.script("return window.lunarbaseStats.plotDrawing;")).startsWith("canvas (");
    long first = realtimePoints("bank.pack_voltage");
    await("more live points").atMost(Duration.ofSeconds(20)).until(() -> realtimePoints("bank.pack_voltage") > first);
    browser.screenshot(SHOTS.resolve("plot.png"));
  }

  @Test
  @Order(4)
  void aChannelPushedRedShowsInItsLimitColourAndItsEventAppears() throws Exception {
    assertThat(post(simControl + "/faults/bank.temperature?sensor=0&celsius=80")).doesNotContain("error");
    await("the station sees the red limit").atMost(Duration.ofSeconds(30))
        .until(() -> get(base + "api/fleet").contains("\"worstLevel\":\"RED_HI\""));
    open("lunarbase:site/lunarbase:fleet");
    await("red in the overview").atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver().findElements(By.cssSelector(".lb-level--RED_HI")).isEmpty());
    assertThat(pageText()).contains("bank.temperature_00");
    browser.screenshot(SHOTS.resolve("fleet-red.png"));

    open("lunarbase:site/lunarbase:ctl~" + CTL + "/lunarbase:sub~" + CTL + "~bank/lunarbase:tlm~" + CTL
        + "~bank.temperature_00?view=table");
    await("the value in its red limit colour").atMost(Duration.ofSeconds(30))
        .until(() -> !browser.driver().findElements(By.cssSelector(".is-limit--red")).isEmpty());
    browser.screenshot(SHOTS.resolve("table-red.png"));
    open("lunarbase:site/lunarbase:ctl~" + CTL + "/lunarbase:sub~" + CTL + "~bank/lunarbase:tlm~" + CTL
        + "~bank.temperature_00?view=plot-single");
    await("the plot drawn").atMost(Duration.ofSeconds(30))
        .until(() -> !browser.driver().findElements(By.cssSelector(".gl-plot canvas, .c-plot canvas")).isEmpty());
    browser.screenshot(SHOTS.resolve("plot-red.png"));

    open("lunarbase:site/lunarbase:log~events?view=table");
    try {
      await("the event in the event log").atMost(Duration.ofSeconds(30)).until(() -> pageText().contains("LIMIT_RED"));
    } catch (RuntimeException e) {
      browser.screenshot(SHOTS.resolve("failed-events.png"));
      throw new AssertionError("page: " + pageText() + "\nconsole: " + browser.consoleLog()
          + "\nlog: " + get(base + "api/log/events?start=0&end=" + System.currentTimeMillis()), e);
    }
    browser.screenshot(SHOTS.resolve("events.png"));
  }

  @Test
  @Order(5)
  void aKilledControllerShowsOfflineInTheOverview() {
    open("lunarbase:site/lunarbase:fleet");
    await().atMost(Duration.ofSeconds(20))
        .until(() -> !browser.driver().findElements(By.cssSelector(".lb-status--ONLINE")).isEmpty());
    firmware.kill();
    await("OFFLINE in the overview").atMost(Duration.ofSeconds(40))
        .until(() -> !browser.driver().findElements(By.cssSelector(".lb-status--OFFLINE")).isEmpty());
    assertThat(pageText()).contains("OFFLINE (connection lost)");
    browser.screenshot(SHOTS.resolve("fleet-offline.png"));
  }
}
