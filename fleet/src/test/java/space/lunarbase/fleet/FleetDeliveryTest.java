package space.lunarbase.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.link.BrokerEndpoint;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * Fifty controllers of a fleet against a real Mosquitto, through the firmware's own link: every
 * sequence number of every stream of every controller arrives, none twice unflagged.
 */
class FleetDeliveryTest {

  private static final int CONTROLLERS = 50;

  @TempDir
  Path data;

  @Test
  void everySequenceOfEveryStreamOfFiftyControllersArrives() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      DeliveryCheck check = new DeliveryCheck();
      FleetSettings settings = new FleetSettings("lunar-south", new BrokerEndpoint(broker.url(), false, ""), data,
          Optional.empty(), true);
      try (FleetWatch watch = FleetWatch.open(broker.url(), "fleet-check", Optional.empty(), "lunar-south", check,
          Duration.ofSeconds(10))) {
        Fleet fleet = Fleet.start(settings, CONTROLLERS, InstantSource.system());
        Map<String, Map<String, Long>> sent;
        try {
          await().atMost(Duration.ofSeconds(30)).until(() -> fleet.connected() == CONTROLLERS);
          // at least two link-health frames each (every 5 s) and a dozen frames of each family
          await().atMost(Duration.ofSeconds(40)).until(() -> fleet.controllers().stream()
              .allMatch(c -> c.sent().getOrDefault("tlm/link", 0L) >= 2));
        } finally {
          fleet.close();
        }
        sent = fleet.sent();
        long total = fleet.totalSent();
        await().atMost(Duration.ofSeconds(20)).until(() -> check.distinct() >= total);

        assertThat(check.problems(sent, fleet.boots())).isEmpty();
        assertThat(check.undecodable()).isZero();
        assertThat(fleet.dropped()).isZero();
        assertThat(sent).hasSize(CONTROLLERS);
        sent.forEach((controller, streams) -> {
          String family = controller.substring(controller.indexOf('/') + 1, controller.lastIndexOf('-'));
          // birth and the clean stop's OFFLINE, the family's frames, channels at 10 Hz, the link's health
          assertThat(streams).as(controller).containsEntry("state", 2L)
              .containsKeys("tlm/" + family, "tlm/channels", "tlm/link");
          assertThat(streams.get("tlm/channels")).as(controller).isGreaterThanOrEqualTo(9 * streams.get("tlm/" + family));
        });
        assertThat(sent.keySet()).anyMatch(c -> c.contains("/rail-")).anyMatch(c -> c.contains("/bank-"))
            .anyMatch(c -> c.contains("/tracker-"));
        // limit crossings of the synthetic values are real events from the firmware's limit monitor
        assertThat(sent.values()).anyMatch(streams -> streams.containsKey("evt"));
      }
    }
  }
}
