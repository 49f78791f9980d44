package space.lunarbase.fsw.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.seq.SequenceEvents;
import space.lunarbase.fsw.link.LinkEvents;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.testkit.MosquittoBroker;

/** Event ids and names are unique across every subsystem's declarations, checked at start. */
class EventCatalogueTest {

  private static EventSet set(EventLog.Kind... kinds) {
    return () -> List.of(kinds);
  }

  private static EventLog.Kind kind(int id, String name) {
    return new EventLog.Kind(id, name, "test", Severity.SEVERITY_ACTIVITY_LO);
  }

  @Test
  void aSecondDeclarationOfAnIdStopsTheStartNamingBoth() {
    assertThatThrownBy(() -> new EventCatalogue(List.of(set(kind(7, "FIRST")), set(kind(7, "SECOND")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("event id 7 declared twice").hasMessageContaining("FIRST").hasMessageContaining("SECOND");
  }

  @Test
  void aSecondDeclarationOfANameStopsTheStart() {
    assertThatThrownBy(() -> new EventCatalogue(List.of(set(kind(7, "SAME"), kind(8, "SAME")))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("event name SAME declared twice");
  }

  @Test
  void badDeclarationsAreRefused() {
    assertThatThrownBy(() -> new EventCatalogue(List.of(set(kind(0, "ZERO")))))
        .hasMessageContaining("id must be positive");
    assertThatThrownBy(() -> new EventCatalogue(List.of(set(kind(9, "lower case")))))
        .hasMessageContaining("UPPER_SNAKE");
    assertThatThrownBy(() -> new EventCatalogue(List.of(set(new EventLog.Kind(9, "NO_SUBSYSTEM", " ", Severity.SEVERITY_FATAL)))))
        .hasMessageContaining("subsystem and severity are required");
  }

  @Test
  void theSameKindListedByTwoSetsIsOneEntry() {
    EventLog.Kind shared = kind(5, "SHARED");
    EventCatalogue catalogue = new EventCatalogue(List.of(set(shared), set(shared, kind(3, "OTHER"))));
    assertThat(catalogue.kinds()).extracting(EventLog.Kind::id).containsExactly(3, 5);
    assertThat(catalogue.byId(5)).contains(shared);
    assertThat(catalogue.byId(4)).isEmpty();
  }

  @Test
  void theFirmwareCatalogueHoldsEveryCoreLinkAndSequenceEventOnce(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", broker.url()))) {
      EventCatalogue catalogue = firmware.getBean(EventCatalogue.class);
      assertThat(catalogue.kinds()).containsAll(new CoreEvents().events()).containsAll(new LinkEvents().events())
          .containsAll(new SequenceEvents().events());
      Map<Integer, Long> perId = catalogue.kinds().stream()
          .collect(Collectors.groupingBy(EventLog.Kind::id, Collectors.counting()));
      assertThat(perId.values()).containsOnly(1L);
      assertThat(catalogue.kinds()).allSatisfy(k -> assertThat(k.subsystem()).isIn("core", "link", "bank", "tracker", "rail", "seq"));
    }
  }
}
