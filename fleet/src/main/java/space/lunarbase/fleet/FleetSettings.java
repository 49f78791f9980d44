package space.lunarbase.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.config.LinkTlsSettings;
import space.lunarbase.fsw.link.BrokerEndpoint;
import space.lunarbase.fsw.link.journal.FsyncPolicy;
import space.lunarbase.fsw.link.journal.JournalSettings;

/**
 * How a fleet runs: the site, the broker, where each controller keeps its boot count and journal,
 * and the TLS bundles of a provisioned site.
 *
 * @param site the site id
 * @param broker the broker; {@code embedded} means {@code ./run-sim}'s demo broker (MQTT 3.1.1)
 * @param dataDir each controller keeps its state in {@code {dataDir}/{controller}}
 * @param siteDir a provisioned site's folder ({@code lunarctl site provision --dir}): each
 *     controller's bundle {@code bundles/{controller}} gives its TLS files; empty for plain TCP
 * @param storeAndForward whether telemetry and events go at QoS 1 through a journal (as the
 *     firmware's default), else QoS 0 without one
 */
record FleetSettings(String site, BrokerEndpoint broker, Path dataDir, Optional<Path> siteDir,
                     boolean storeAndForward) {

  /** The broker {@code ./run-sim} starts: its embedded demo broker. */
  static final String RUN_SIM_BROKER = "tcp://127.0.0.1:1883";
  /** Each controller's outbox: 10 s of its telemetry many times over. */
  static final int OUTBOX = 2_000;
  /** Each controller's inflight window: far above what one sends in a round trip. */
  static final int MAX_INFLIGHT = 100;
  /** Each controller's journal: small segments, so a thousand journals stay small. */
  static final JournalSettings JOURNAL = new JournalSettings(16L << 20, 256L << 10,
      FsyncPolicy.interval(Duration.ofMillis(200)));

  /** The link's settings: the firmware's defaults (keepalive 10 s, ...), a smaller outbox and window. */
  LinkSettings link() {
    return new LinkSettings(broker.url(), Duration.ofSeconds(10), MAX_INFLIGHT, OUTBOX, Duration.ofSeconds(30),
        Duration.ofSeconds(5));
  }

  /** A controller's TLS files: its bundle in the site folder, or none. */
  LinkTlsSettings tls(String controller) {
    return siteDir.map(dir -> {
      Path bundle = dir.resolve("bundles").resolve(controller);
      return new LinkTlsSettings(bundle.resolve("ca.crt").toString(), bundle.resolve(controller + ".crt").toString(),
          bundle.resolve(controller + ".key").toString());
    }).orElseGet(() -> new LinkTlsSettings("", "", ""));
  }
}
