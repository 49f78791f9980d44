package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.site.SiteFolder;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.TestSite;

/**
 * On a secure site the station connects over TLS with its observer certificate (its name is its
 * client id, as the site broker requires) and archives what a controller publishes.
 */
class SecureSiteTest {

  @TempDir
  Path dir;

  @Test
  void theStationArchivesASecureSiteAsItsObserver() {
    TestSite site = TestSite.provision();
    SiteFolder.Bundle bundle = site.bundle("ground-station");
    try (MosquittoBroker broker = MosquittoBroker.startSecure(site);
         ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
             "lunarbase.station.broker-url", broker.url(),
             "lunarbase.station.data-dir", dir.toString(),
             "lunarbase.station.client-id", "not-the-certificate",
             "lunarbase.station.tls.ca-file", bundle.caFile().toString(),
             "lunarbase.station.tls.cert-file", bundle.certificateFile().toString(),
             "lunarbase.station.tls.key-file", bundle.keyFile().toString(),
             "micronaut.server.port", -1)).getApplicationContext()) {
      Station station = context.getBean(Station.class);
      assertThat(station.link().clientId()).isEqualTo("ground-station");
      await("connected over TLS").atMost(Duration.ofSeconds(30)).until(station.link()::isConnected);

      long t0 = 1_790_000_000_000L;
      byte[] frame = Frames.bank(1, 1, t0, 31.5, false);
      broker.publishOnce("bank-ctl-1", site.prefix("bank-ctl-1") + "tlm/bank", frame);
      await("the frame archived").atMost(Duration.ofSeconds(30)).until(() -> {
        station.archive().applyNow();
        return !station.history().raw("lunar-south/bank-ctl-1", "bank.pack_voltage_v", t0 * 1000, t0 * 1000 + 1, 10)
            .isEmpty();
      });
    }
  }
}
