package space.lunarbase.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.link.BrokerEndpoint;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.TestSite;

/**
 * A fleet on a secure site: the manifest {@code run-fleet --manifest} prints, provisioned as
 * {@code lunarctl site provision} does, and the site broker itself (TLS, client certificates, ACL).
 * Each controller connects with its own certificate, as its CN, and everything it sends arrives.
 */
class FleetSiteTest {

  private static final int CONTROLLERS = 4;

  @TempDir
  Path data;

  @Test
  void eachControllerConnectsWithItsOwnCertificateAndEverythingArrives() throws Exception {
    TestSite site = TestSite.provision(FleetMix.manifest("lunar-south", CONTROLLERS));
    try (MosquittoBroker broker = MosquittoBroker.startSecure(site)) {
      DeliveryCheck check = new DeliveryCheck();
      FleetSettings settings = new FleetSettings("lunar-south", new BrokerEndpoint(broker.sslUrl(), false, ""), data,
          Optional.of(site.folder().dir()), true);
      try (FleetWatch watch = FleetWatch.open(broker.sslUrl(), "fleet-check",
          Optional.of(site.tls("fleet-check").socketFactory()), "lunar-south", check, Duration.ofSeconds(10))) {
        Fleet fleet = Fleet.start(settings, CONTROLLERS, InstantSource.system());
        try {
          await().atMost(Duration.ofSeconds(30)).until(() -> fleet.connected() == CONTROLLERS);
          assertThat(fleet.controllers()).extracting(c -> c.link().clientId())
              .containsExactlyInAnyOrder("lunar-south.rail-1", "lunar-south.bank-1", "lunar-south.tracker-1",
                  "lunar-south.tracker-2");
          await().atMost(Duration.ofSeconds(20)).until(() -> fleet.controllers().stream()
              .allMatch(c -> c.sent().getOrDefault("tlm/" + c.family(), 0L) >= 3));
        } finally {
          fleet.close();
        }
        long total = fleet.totalSent();
        await().atMost(Duration.ofSeconds(20)).until(() -> check.distinct() >= total);
        assertThat(check.problems(fleet.sent(), fleet.boots())).isEmpty();
        assertThat(broker.log()).doesNotContain("not authorised");
      }
    }
  }
}
