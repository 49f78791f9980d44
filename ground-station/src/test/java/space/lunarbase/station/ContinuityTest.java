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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.station.archive.Archive;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The archive stays whole across outages: the site broker going away (the controller journals,
 * then replays; the station's persistent session keeps what was queued for it) and the station
 * itself restarting (its plot shows the minutes before the restart again).
 */
class ContinuityTest {

  private static final String CTL = "lunar-south.bank-ctl-1";

  @TempDir
  Path dir;

  private MosquittoBroker broker;
  private ProjectProcess firmware;
  private ApplicationContext station;
  private Browser browser;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (firmware != null) {
      firmware.close();
    }
    if (station != null) {
      station.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private ApplicationContext startStation() {
    return ApplicationContext.run(EmbeddedServer.class, Map.of(
        "lunarbase.station.broker-url", broker.url(),
        "lunarbase.station.data-dir", dir.resolve("station").toString(),
        "micronaut.server.port", -1)).getApplicationContext();
  }

  private String base() {
    return "http://127.0.0.1:" + station.getBean(EmbeddedServer.class).getPort() + "/";
  }

  private String get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }

  /** count, min and max sequence of the bank stream of boot 1, and how many came historical. */
  private long[] bankSequences() {
    Archive archive = station.getBean(Station.class).archive();
    archive.applyNow();
    long[] result = new long[4];
    archive.query("SELECT count(), min(sequence), max(sequence), sum(CASE WHEN historical THEN 1 ELSE 0 END)"
        + " FROM messages WHERE controller = 'lunar-south/bank-ctl-1' AND topic = 'tlm/bank' AND boot = 1", row -> {
          for (int i = 0; i < 4; i++) {
            result[i] = row.getLong(i);
          }
          return false;
        });
    return result;
  }

  private void startFirmware() {
    firmware = ProjectProcess.start("run-sim", List.of("--lunarbase.link.broker-url=" + broker.url(),
        "--lunarbase.data-dir=" + dir.resolve("firmware"), "--lunarbase.bank.sample-period=200ms",
        "--lunarbase.link.reconnect-max=1s"));
    String line = firmware.awaitStdout("Health: ", Duration.ofSeconds(120));
    health = line.substring(line.indexOf("http://")).strip();
  }

  private String health;

  /** The controller's journal: messages kept while the broker is away, from its /health. */
  private long journalPending() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"journalPending\":(\\d+)").matcher(get(health));
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  @Test
  void aBrokerOutageLeavesNoHoleOnceTheJournalHasReplayed() {
    broker = MosquittoBroker.startPersistent();
    station = startStation();
    startFirmware();
    await("bank frames archived").atMost(Duration.ofSeconds(60)).until(() -> bankSequences()[0] >= 10);

    broker.stop();
    long[] before = bankSequences();
    // the controller journals its frames while the broker is away (5 a second)
    await("frames journaled during the outage").atMost(Duration.ofSeconds(30)).until(() -> journalPending() >= 15);
    broker.restart();

    await("the outage's frames replayed and archived").atMost(Duration.ofSeconds(90)).until(() -> {
      long[] now = bankSequences();
      return now[3] > 0 && now[2] > before[2] + 15;
    });
    await("no hole").atMost(Duration.ofSeconds(60)).until(() -> {
      long[] now = bankSequences();
      return now[1] == 1 && now[0] == now[2];
    });
    long[] after = bankSequences();
    assertThat(after[0]).as("every sequence number once").isEqualTo(after[2]);
    assertThat(after[3]).as("frames replayed from the controller's journal").isGreaterThan(3);
  }

  @Test
  void afterARestartOfTheStationTheLastMinutesAreStillInThePlot() {
    broker = MosquittoBroker.start();
    station = startStation();
    startFirmware();
    await("bank frames archived").atMost(Duration.ofSeconds(60)).until(() -> bankSequences()[0] >= 20);
    long restartedAt = System.currentTimeMillis();
    station.close();
    station = startStation();
    // the restarted station serves the minutes before its restart from the archive...
    String[] history = new String[1];
    await("the archive's history from before the restart").atMost(Duration.ofSeconds(60)).until(() -> {
      history[0] = get(base() + "api/history?controller=lunar-south/bank-ctl-1&channel=bank.pack_current_a&start="
          + (restartedAt - 120_000) + "&end=" + restartedAt);
      return history[0].split("\\{\"utc\"").length - 1 >= 20;
    });

    // ...and a console opened on it plots them
    browser = new Browser(dir.resolve("chromium"), 1400, 900);
    browser.driver().get(base() + "#/browse/lunarbase:site/lunarbase:ctl~" + CTL + "/lunarbase:sub~" + CTL
        + "~bank/lunarbase:tlm~" + CTL + "~bank.pack_current_a");
    // the plot asks for min/max per pixel over its whole window, so the 20+ frames before the restart
    // (several seconds of them) come as at least 4 decimated points, not one point per frame
    await("the plot's history from before the restart").atMost(Duration.ofSeconds(60)).until(() -> {
      Object n = browser.script("return (window.lunarbaseStats && window.lunarbaseStats.history["
          + "'lunar-south/bank-ctl-1/bank.pack_current_a']) || 0;");
      return ((Number) n).longValue() >= 4;
    });
    assertThat(history[0].split("\\{\"utc\"").length - 1).isGreaterThanOrEqualTo(20);
  }
}
