package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.LimitLevel;
import space.lunarbase.station.archive.Archive;
import space.lunarbase.station.archive.ArchiveWriter;
import space.lunarbase.station.archive.History;
import space.lunarbase.station.ingest.Inbound;
import space.lunarbase.station.ingest.Ingestor;
import space.lunarbase.station.ingest.LiveBatch;
import space.lunarbase.station.site.ControllerSnapshot;
import space.lunarbase.station.site.SiteModel;

/**
 * Ingest into a real archive (embedded QuestDB in a temporary folder) with real protobuf bytes:
 * what is stored, once, where, and what is refused.
 */
class IngestArchiveTest {

  @TempDir
  Path dir;

  private Archive archive;
  private ArchiveWriter writer;
  private SiteModel site;
  private Ingestor ingestor;
  private long received = 1_800_000_000_000_000L;

  @BeforeEach
  void open() {
    archive = Archive.open(dir.resolve("archive"));
    writer = archive.writer();
    site = new SiteModel();
    ingestor = new Ingestor(Frames.ROOT, site, writer);
  }

  @AfterEach
  void close() {
    writer.close();
    archive.close();
  }

  private void deliver(String stream, byte[] payload) {
    deliver(stream, payload, false);
  }

  private void deliver(String stream, byte[] payload, boolean retained) {
    ingestor.accept(new Inbound(Frames.topic(stream), payload, 1, 1, retained, received += 1000),
        new LiveBatch(key -> false));
  }

  private void commit() {
    writer.commit();
    archive.applyNow();
  }

  private long count(String sql) {
    long[] n = {-1};
    archive.query(sql, row -> {
      n[0] = row.getLong(0);
      return false;
    });
    return n[0];
  }

  @Test
  void aFrameDeliveredTwiceIsStoredOnceAndAHoleIsAGapUntilItsHistoricalCopyFillsIt() {
    long t0 = 1_790_000_000_000L;
    deliver("tlm/bank", Frames.bank(3, 1, t0, 30.0, false));
    deliver("tlm/bank", Frames.bank(3, 2, t0 + 1000, 30.1, false));
    deliver("tlm/bank", Frames.bank(3, 2, t0 + 1000, 30.1, false)); // QoS 1 again
    deliver("tlm/bank", Frames.bank(3, 5, t0 + 4000, 30.4, false)); // 3 and 4 lost for now
    commit();

    assertThat(count("SELECT count() FROM samples WHERE channel = 'bank.pack_voltage_v'")).isEqualTo(3);
    assertThat(count("SELECT count() FROM messages WHERE topic = 'tlm/bank'")).isEqualTo(3);
    assertThat(ingestor.counters().duplicates).isEqualTo(1);
    assertThat(count("SELECT count() FROM gaps WHERE first = 3 AND last = 4 AND NOT filled")).isEqualTo(1);

    // the controller's journal replays 3 and 4 (historical, with their original times) and 2 once more
    deliver("tlm/bank", Frames.bank(3, 3, t0 + 2000, 30.2, true));
    deliver("tlm/bank", Frames.bank(3, 4, t0 + 3000, 30.3, true));
    deliver("tlm/bank", Frames.bank(3, 2, t0 + 1000, 30.1, true));
    commit();

    List<History.Point> points = new History(archive).raw(Frames.KEY, "bank.pack_voltage_v", t0 * 1000,
        (t0 + 10_000) * 1000, 100);
    assertThat(points).extracting(History.Point::tsMicros)
        .containsExactly(t0 * 1000, (t0 + 1000) * 1000, (t0 + 2000) * 1000, (t0 + 3000) * 1000, (t0 + 4000) * 1000);
    assertThat(points).extracting(History.Point::value).containsExactly(30.0, 30.1, 30.2, 30.3, 30.4);
    assertThat(count("SELECT count() FROM gaps WHERE filled")).isEqualTo(2);
    assertThat(count("SELECT count() FROM messages WHERE historical")).isEqualTo(2);
    assertThat(ingestor.counters().duplicates).isEqualTo(2);
  }

  @Test
  void anArchiveOpensAgainWithItsRowsAndSettings() {
    long t0 = 1_790_000_000_000L;
    deliver("tlm/bank", Frames.bank(3, 1, t0, 30.0, false));
    writer.commit();
    writer.close();
    archive.close();
    archive = Archive.open(dir.resolve("archive"));
    new space.lunarbase.station.archive.Maintenance(archive, java.time.Duration.ofDays(30), java.time.Duration.ZERO,
        java.time.Duration.ofDays(1)).applyRetention();
    writer = archive.writer();
    assertThat(count("SELECT count() FROM samples WHERE channel = 'bank.pack_voltage_v'")).isEqualTo(1);
  }

  @Test
  void emptyTablesAnswerQueries() {
    for (String sql : List.of("SELECT ts, controller, severity, id, name, subsystem, text, historical FROM events WHERE ts >= 0 AND ts < 10 LIMIT 10000",
        "SELECT ts, controller, status, boot, reason, retained FROM states WHERE ts >= 0 AND ts < 10 LIMIT 10000",
        "SELECT ts, controller, command, status, reason, key_id, counter, text, historical FROM acks WHERE ts >= 0 AND ts < 10",
        "SELECT ts, controller, command, key_id, counter, args, readable FROM commands WHERE ts >= 0 AND ts < 10")) {
      archive.query(sql, row -> true);
    }
  }

  @Test
  void aNewBootStartsItsOwnSequenceWithoutAGap() {
    long t0 = 1_790_000_000_000L;
    deliver("tlm/bank", Frames.bank(1, 7, t0, 30.0, false));
    deliver("tlm/bank", Frames.bank(2, 1, t0 + 1000, 30.0, false));
    commit();
    assertThat(count("SELECT count() FROM gaps")).isZero();
    assertThat(count("SELECT count() FROM messages")).isEqualTo(2);
  }

  @Test
  void batchedSamplesLandAtTheirOwnTimes() {
    long t0 = 1_790_000_000_000L;
    deliver("tlm/bank", Frames.bankWithBatch(1, 1, t0, 1000));
    commit();
    List<History.Point> points = new History(archive).raw(Frames.KEY, "bank.fast_current_a", (t0 - 2000) * 1000,
        (t0 + 1) * 1000, 5000);
    assertThat(points).hasSize(1000);
    assertThat(points.getFirst().tsMicros()).isEqualTo((t0 - 999) * 1000);
    assertThat(points.getLast().tsMicros()).isEqualTo(t0 * 1000);
    assertThat(points.getLast().value()).isEqualTo(999.0);
  }

  @Test
  void channelValuesAreNamedByTheCatalogueAndTheirLimitsKnown() {
    long t0 = 1_790_000_000_000L;
    // values before any catalogue are held until it comes
    deliver("tlm/channels", Frames.channels(1, 1, t0, false, 30f, 2.5f, LimitLevel.LIMIT_LEVEL_IN_LIMITS));
    assertThat(ingestor.takeRebirths()).containsExactly(Frames.KEY);
    deliver("tlm/channels", Frames.channels(1, 2, t0 + 1000, true, 31f, 2.9f, LimitLevel.LIMIT_LEVEL_RED_HI));
    commit();

    assertThat(new History(archive).raw(Frames.KEY, "bank.cell_01_voltage", t0 * 1000, (t0 + 2000) * 1000, 10))
        .extracting(History.Point::value).containsExactly(2.5, (double) 2.9f);
    ControllerSnapshot snapshot = site.controller(Frames.KEY).orElseThrow();
    assertThat(snapshot.worstLevel()).isEqualTo("RED_HI");
    assertThat(snapshot.worstChannels()).containsExactly("bank.cell_01_voltage");
    assertThat(site.find(Frames.KEY, "bank.cell_01_voltage").orElseThrow().limits().redHigh()).isEqualTo(2.8);
    assertThat(count("SELECT count() FROM catalogues")).isEqualTo(1);
  }

  @Test
  void eventsStatesAndTheirLogsAreArchived() {
    long t0 = 1_790_000_000_000L;
    deliver("state", Frames.online(4, t0), true);
    deliver("evt", Frames.event(4, 1, t0 + 10, "LIMIT_RED", "bank.cell_01_voltage red: 2.9 V"));
    deliver("state", Frames.offline(4, t0 + 5000));
    commit();
    assertThat(count("SELECT count() FROM events WHERE name = 'LIMIT_RED' AND severity = 'WARNING_HI'")).isEqualTo(1);
    assertThat(count("SELECT count() FROM states")).isEqualTo(2);
    assertThat(site.controller(Frames.KEY).orElseThrow().status()).isEqualTo("OFFLINE");
  }

  @Test
  void commandsAndTheirAcksAreArchived() {
    long t0 = 1_790_000_000_000L;
    space.lunarbase.proto.v1.CommandBody body = space.lunarbase.proto.v1.CommandBody.newBuilder().setCounter(41)
        .setCommand("bank.CHARGE").setSiteId(Frames.SITE).setControllerId(Frames.CONTROLLER).setRequestId(7)
        .putArgs("amps", space.lunarbase.proto.v1.Value.newBuilder().setNumber(50).build()).build();
    deliver("cmd", space.lunarbase.proto.v1.SignedCommand.newBuilder().setBody(body.toByteString())
        .setKeyId("dev-operator").setMac(com.google.protobuf.ByteString.copyFrom(new byte[32])).build().toByteArray());
    deliver("ack", space.lunarbase.proto.v1.CommandAck.newBuilder().setHeader(Frames.header(1, 1, t0, false))
        .setRequestId(7).setKeyId("dev-operator").setCounter(41).setCommand("bank.CHARGE")
        .setStatus(space.lunarbase.proto.v1.CommandAck.Status.STATUS_REJECTED)
        .setReason(space.lunarbase.proto.v1.CommandAck.Reason.REASON_ILLEGAL_IN_MODE).setText("bank is SAFE")
        .build().toByteArray());
    commit();
    assertThat(count("SELECT count() FROM commands WHERE command = 'bank.CHARGE' AND counter = 41 AND readable"
        + " AND args = '{\"amps\":\"50.0\"}'")).isEqualTo(1);
    assertThat(count("SELECT count() FROM acks WHERE status = 'REJECTED' AND reason = 'ILLEGAL_IN_MODE'"
        + " AND text = 'bank is SAFE'")).isEqualTo(1);
  }

  @Test
  void garbageABadSchemaAndStrangeTopicsAreRejectedWithAReasonAndIngestGoesOn() {
    long t0 = 1_790_000_000_000L;
    deliver("tlm/bank", "not protobuf at all \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
    deliver("schema", new byte[] {0x0a, 0x05, 0x01, 0x02});
    deliver("evt", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    ingestor.accept(new Inbound("elsewhere/topic", new byte[3], 1, 1, false, received), new LiveBatch(k -> false));
    ingestor.accept(new Inbound(Frames.ROOT + "/UPPER/case/tlm/bank", new byte[3], 1, 1, false, received),
        new LiveBatch(k -> false));
    // an unknown controller with no schema: decoded with the station's own classes
    deliver("tlm/bank", Frames.bank(1, 1, t0, 29.0, false));
    commit();

    List<String> reasons = new ArrayList<>();
    archive.query("SELECT reason FROM rejects", row -> {
      reasons.add(row.text(0));
      return true;
    });
    assertThat(reasons).hasSize(5);
    assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("undecodable"));
    assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("schema does not parse"));
    assertThat(reasons).anySatisfy(r -> assertThat(r).contains("not a topic of the site's tree"));
    assertThat(count("SELECT count() FROM samples WHERE channel = 'bank.pack_voltage_v'")).isEqualTo(1);
  }
}
