package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;
import space.lunarbase.testkit.MqttRecorder;
import space.lunarbase.testkit.MqttRecorder.Received;
import space.lunarbase.testkit.TcpProxy;

/**
 * Store-and-forward against a real Mosquitto: outages of the network and of the broker itself, a
 * controller restarted with frames still journaled, and a journal too small for the outage.
 */
class StoreAndForwardTest {

  static final String BANK = Firmware.topic("tlm/bank");
  static final Duration LONG = Duration.ofSeconds(30);

  /** What a subscriber saw on one stream, checked for loss, order and duplicates. */
  record Stream(List<Header> headers) {
    static Stream of(List<Received> messages) {
      return new Stream(messages.stream().map(StoreAndForwardTest::header).toList());
    }

    List<Long> live() {
      return headers.stream().filter(h -> !h.getHistorical()).map(Header::getSequence).toList();
    }

    List<Long> historical() {
      return headers.stream().filter(Header::getHistorical).map(Header::getSequence).toList();
    }

    long highest() {
      return headers.stream().mapToLong(Header::getSequence).max().orElse(0);
    }

    List<Long> distinct() {
      return headers.stream().map(Header::getSequence).distinct().sorted().toList();
    }

    long duplicates() {
      return headers.size() - distinct().size();
    }
  }

  /** The firmware with its link through {@code network}, a bank frame every 20 ms. */
  private static ApplicationContext startFastBank(Path data, TcpProxy network) {
    return Firmware.start(data, Map.of("lunarbase.link.broker-url", network.url(),
        "lunarbase.bank.sample-period", "20ms"));
  }

  /**
   * A bank-only board with a bank frame every 20 ms through {@code network}, and the other periodic
   * frames (tlm/core, tlm/seq, tlm/rail, tlm/channels) out of the test's window: the sequence checks
   * are on bank frames.
   */
  private static Map<String, Object> bankOnly(Path data, TcpProxy network) {
    return Map.of("lunarbase.link.broker-url", network.url(),
        "lunarbase.bank.sample-period", "20ms", "lunarbase.core.telemetry-period", "1h",
        "lunarbase.sequences.telemetry-period", "1h", "lunarbase.rail.telemetry-period", "1h",
        "lunarbase.channels.period", "1h",
        "hal.board", Firmware.bankOnlyBoard(data).toString());
  }

  /**
   * Waits until the link is connected with its journal replayed and 20 more bank frames have come
   * after it; returns every bank frame the subscriber saw.
   */
  private static Stream afterReplay(MqttLink link, MqttRecorder recorder) {
    await("replay done").atMost(LONG).until(() -> link.isConnected() && link.health().journalPending() == 0);
    long target = Stream.of(recorder.on(BANK)).highest() + 20;
    await("live frames after the replay").atMost(LONG).until(() -> Stream.of(recorder.on(BANK)).highest() >= target);
    return Stream.of(recorder.on(BANK));
  }

  @Test
  void aNetworkOutageLosesNothingAndTheStoredFramesComeBackMarkedHistoricalInOrder(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         TcpProxy network = TcpProxy.to(broker.port());
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), BANK);
         ApplicationContext firmware = startFastBank(data, network)) {
      MqttLink link = firmware.getBean(MqttLink.class);
      recorder.awaitCount(BANK, 20, LONG);

      network.block();
      await("frames journaled during the outage").atMost(LONG).until(() -> link.health().journalPending() >= 100);
      assertThat(link.isConnected()).isFalse();
      network.unblock();

      Stream seen = afterReplay(link, recorder);
      assertThat(seen.historical()).as("replayed frames").hasSizeGreaterThanOrEqualTo(100).isSorted();
      assertThat(seen.live()).as("live frames").isSorted().doesNotHaveDuplicates();
      assertThat(seen.distinct()).as("every sequence number, live or historical")
          .isEqualTo(LongStream.rangeClosed(1, seen.highest()).boxed().toList());
      assertThat(seen.duplicates()).as("copies of frames that were in flight at the cut").isLessThanOrEqualTo(5);
      assertThat(link.replayed()).isGreaterThanOrEqualTo(100);
      assertThat(link.health().outboxDropped()).isZero();
    }
  }

  @Test
  void theBrokerKilledAndRestartedMidRunLosesNothing(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         TcpProxy network = TcpProxy.to(broker.port());
         MqttRecorder recorder = MqttRecorder.subscribeReconnecting(broker.url(), BANK);
         ApplicationContext firmware = startFastBank(data, network)) {
      MqttLink link = firmware.getBean(MqttLink.class);
      recorder.awaitCount(BANK, 20, LONG);

      // hold the controller back until the subscriber is back, so the subscriber misses nothing
      network.block();
      broker.kill();
      await().atMost(LONG).until(() -> link.health().journalPending() >= 50);
      broker.restart();
      await("subscriber back").atMost(LONG).until(recorder::isSubscribed);
      network.unblock();

      Stream seen = afterReplay(link, recorder);
      assertThat(seen.distinct()).isEqualTo(LongStream.rangeClosed(1, seen.highest()).boxed().toList());
      assertThat(seen.live()).isSorted().doesNotHaveDuplicates();
      assertThat(seen.historical()).isSorted().hasSizeGreaterThanOrEqualTo(50);
      assertThat(seen.duplicates()).isLessThanOrEqualTo(5);
      assertThat(link.connectionLosses()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void framesStillJournaledAtShutdownAreReplayedByTheNextBootWithTheirOwnBootCount(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         TcpProxy network = TcpProxy.to(broker.port());
         // every stream: the journal also keeps the link's own events (the connection lost), not only bank frames
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), Firmware.topic("#"))) {
      Map<String, Object> config = bankOnly(data, network);
      long stored;
      try (ApplicationContext first = Firmware.start(data, config)) {
        recorder.awaitCount(BANK, 5, LONG);
        network.block();
        MqttLink link = first.getBean(MqttLink.class);
        await().atMost(LONG).until(() -> link.health().journalPending() >= 50);
        stored = link.health().journalPending();
      }
      network.unblock();
      try (ApplicationContext second = Firmware.start(data, config)) {
        MqttLink link = second.getBean(MqttLink.class);
        await("replay of the first boot's frames").atMost(LONG)
            .until(() -> link.isConnected() && link.health().journalPending() == 0);
        await().atMost(LONG).until(() -> recorder.on(BANK).stream().map(StoreAndForwardTest::header)
            .anyMatch(h -> h.getBootCount() == 2 && !h.getHistorical()));
      }
      List<Header> bootOne = recorder.on(BANK).stream().map(StoreAndForwardTest::header)
          .filter(h -> h.getBootCount() == 1).toList();
      Stream first = new Stream(bootOne);
      long replayed = recorder.all().stream()
          .filter(m -> m.topic().contains("/tlm/") || m.topic().endsWith("/evt")).map(StoreAndForwardTest::header)
          .filter(h -> h.getBootCount() == 1 && h.getHistorical()).count();
      assertThat(replayed).as("boot 1's messages replayed, every stream").isGreaterThanOrEqualTo(stored);
      assertThat(first.historical()).isNotEmpty().isSorted();
      assertThat(first.distinct()).isEqualTo(LongStream.rangeClosed(1, first.highest()).boxed().toList());
    }
  }

  @Test
  void aJournalTooSmallForTheOutageDropsTheOldestWithAnEventAndACount(@TempDir Path data) {
    try (MosquittoBroker broker = MosquittoBroker.start();
         TcpProxy network = TcpProxy.to(broker.port());
         MqttRecorder events = MqttRecorder.subscribe(broker.url(), Firmware.topic("evt"));
         // 100 ms bank frames (about 1.3 kB with the bank's state): the 16 kB journal holds about a
         // second of them, so the drop event (at most one a second) is still journaled when the
         // link is back
         ApplicationContext firmware = Firmware.start(data, Map.of("lunarbase.link.broker-url", network.url(),
             "lunarbase.bank.sample-period", "100ms",
             "lunarbase.link.store-and-forward.max-bytes", "16384",
             "lunarbase.link.store-and-forward.segment-bytes", "4096"))) {
      MqttLink link = firmware.getBean(MqttLink.class);
      await().atMost(LONG).until(link::isConnected);
      network.block();
      await("the journal overflowed").atMost(LONG).until(() -> link.health().journalDropped() > 0);
      assertThat(link.health().journalBytes()).isLessThanOrEqualTo(16384);
      network.unblock();

      Received dropped = events.awaitMatch(Firmware.topic("evt"),
          m -> event(m).getName().equals("JOURNAL_DROPPED_OLDEST"), LONG);
      Event event = event(dropped);
      assertThat(event.getSeverity().name()).isEqualTo("SEVERITY_WARNING_HI");
      assertThat(Long.parseLong(event.getArgsOrThrow("entries"))).isPositive();
      assertThat(link.isConnected()).isTrue();
    }
  }

  @Test
  void aCorruptedJournalRecordIsSkippedWithAnEventAndTheRestReplays(@TempDir Path data) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
         TcpProxy network = TcpProxy.to(broker.port());
         MqttRecorder recorder = MqttRecorder.subscribe(broker.url(), Firmware.topic("#"))) {
      Map<String, Object> config = bankOnly(data, network);
      network.block();
      long stored;
      try (ApplicationContext first = Firmware.start(data, config)) {
        MqttLink link = first.getBean(MqttLink.class);
        await().atMost(LONG).until(() -> link.health().journalPending() >= 60);
        stored = link.health().journalPending();
      }
      // damage the middle of the journal on disk, as a bad sector would
      Path segment;
      try (var files = java.nio.file.Files.list(data.resolve("journal"))) {
        segment = files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
      }
      byte[] bytes = java.nio.file.Files.readAllBytes(segment);
      for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) {
        bytes[i] ^= (byte) 0x5A;
      }
      java.nio.file.Files.write(segment, bytes);
      network.unblock();

      try (ApplicationContext second = Firmware.start(data, config)) {
        MqttLink link = second.getBean(MqttLink.class);
        await("replay done").atMost(LONG).until(() -> link.isConnected() && link.health().journalPending() == 0);
        Event corrupt = event(recorder.awaitMatch(Firmware.topic("evt"),
            m -> event(m).getName().equals("JOURNAL_RECORD_CORRUPT"), LONG));
        assertThat(corrupt.getText()).contains(segment.getFileName().toString());
        assertThat(link.health().journalCorrupt()).isEqualTo(1);
      }
      // the damage may fall on any stream's record (bank, channels, events...): count boot 1's replayed
      // messages over every journaled stream; each stream's own numbers stay in order
      Map<String, List<Long>> replayed = new java.util.TreeMap<>();
      for (Received message : recorder.all()) {
        if (!message.topic().contains("/tlm/") && !message.topic().endsWith("/evt")) {
          continue;
        }
        Header h = header(message);
        if (h.getBootCount() == 1 && h.getHistorical()) {
          replayed.computeIfAbsent(message.topic(), t -> new java.util.ArrayList<>()).add(h.getSequence());
        }
      }
      replayed.replaceAll((topic, numbers) -> numbers.stream().distinct().toList());
      replayed.values().forEach(numbers -> assertThat(numbers).isSorted());
      int total = replayed.values().stream().mapToInt(List::size).sum();
      assertThat(replayed.get(BANK)).as("bank frames replayed").isNotEmpty();
      // the network was down from the start, so every message of boot 1 was journaled: each stream's
      // numbers run from 1 to its last, and the holes are what the damage took (frames journaled
      // while the first boot shut down, after the count was read, come back too)
      // (a stream whose only or last record was damaged shows no hole: hence also the count below)
      long lost = replayed.values().stream().mapToLong(numbers -> numbers.getLast() - numbers.size()).sum();
      assertThat(lost).as("only the record(s) the damage touched are lost").isBetween(0L, 2L);
      assertThat(total).as("replayed, of at least %d journaled", stored).isGreaterThanOrEqualTo((int) stored - 2);
    }
  }

  static Header header(Received message) {
    try {
      return TelemetryFrame.parseFrom(message.payload()).getHeader();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  static Event event(Received message) {
    try {
      return Event.parseFrom(message.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
