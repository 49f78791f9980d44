package space.lunarbase.station.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.ArgInfo;
import space.lunarbase.proto.v1.ArgType;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.proto.v1.CommandInfo;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.EventInfo;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.station.archive.Archive;
import space.lunarbase.station.archive.ArchiveWriter;
import space.lunarbase.station.site.KnownDictionary;
import space.lunarbase.station.site.SiteModel;

/**
 * A controller's dictionary into a real archive (embedded QuestDB in a temporary folder) with real
 * protobuf bytes: the one in use archived and naming events, one not used a {@code rejects} row
 * with the reason, and read back after a restart ({@link DictionaryGateTest} has every rule).
 */
class DictionaryIngestTest {

  private static final String ROOT = "lunarbase/v1";
  private static final String KEY = "lunar-south/bank-ctl-9";

  @TempDir
  Path dir;

  private Archive archive;
  private ArchiveWriter writer;
  private SiteModel site;
  private Ingestor ingestor;
  private long received = 1_800_000_000_000_000L;
  private long sequence;

  @BeforeEach
  void open() {
    archive = Archive.open(dir.resolve("archive"));
    writer = archive.writer();
    site = new SiteModel();
    ingestor = new Ingestor(ROOT, site, writer);
  }

  @AfterEach
  void close() {
    writer.close();
    archive.close();
  }

  static Dictionary dictionary(String summary) {
    return Dictionary.newBuilder().setVersion(1)
        .addCommands(CommandInfo.newBuilder().setName("bank.CHARGE").setSummary(summary).addRoles("operator")
            .addModes("NOMINAL").addArgs(ArgInfo.newBuilder().setName("amps").setType(ArgType.ARG_TYPE_NUMBER)
                .setUnit("A").setMin(0).setMax(80)))
        .addChannels(ChannelDef.newBuilder().setName("bank.cell_01_voltage").setType("F64").setUnit("V")
            .setYellowLow(Double.NaN).setYellowHigh(2.7).setRedLow(Double.NaN).setRedHigh(2.8).setPersistence(1))
        .addEvents(EventInfo.newBuilder().setId(1201).setName("CELL_OVERVOLTAGE").setSubsystem("bank")
            .setSeverity(Severity.SEVERITY_WARNING_HI))
        .addEvents(EventInfo.newBuilder().setId(3).setName("SEQUENCE_DONE").setSubsystem("seq")
            .setSeverity(Severity.SEVERITY_ACTIVITY_HI))
        .build();
  }

  private static Header header(long boot, long sequence) {
    return Header.newBuilder().setSiteId("lunar-south").setControllerId("bank-ctl-9").setBootCount(boot)
        .setSequence(sequence).setSampleTimeNs(1_790_000_000_000_000_000L + sequence * 1_000_000L).build();
  }

  private byte[] state(long boot, ControllerState.Status status, String dictionaryHash) {
    return ControllerState.newBuilder().setHeader(header(boot, ++sequence)).setStatus(status).setBootCount(boot)
        .setFirmwareVersion("0.1.0").setHalMode("sim").setDictionaryHash(dictionaryHash).build().toByteArray();
  }

  private byte[] online(long boot, String dictionaryHash) {
    return state(boot, ControllerState.Status.STATUS_ONLINE, dictionaryHash);
  }

  private void deliver(String controller, String stream, byte[] payload) {
    ingestor.accept(new Inbound(ROOT + "/" + controller + "/" + stream, payload, 1, 1, true, received += 1000),
        new LiveBatch(key -> false));
  }

  private void deliver(String stream, byte[] payload) {
    deliver(KEY, stream, payload);
  }

  private void commit() {
    writer.commit();
    archive.applyNow();
  }

  private List<String> rejects() {
    List<String> reasons = new ArrayList<>();
    archive.query("SELECT topic, reason FROM rejects", row -> {
      reasons.add(row.text(0) + ": " + row.text(1));
      return true;
    });
    return reasons;
  }

  private long count(String sql) {
    long[] n = {-1};
    archive.query(sql, row -> {
      n[0] = row.getLong(0);
      return false;
    });
    return n[0];
  }

  private String used(String controller) {
    return site.dictionary(controller).map(KnownDictionary::hash).orElse("none");
  }

  @Test
  void theDictionaryInUseIsArchivedAndNamesEventsAndOneNotUsedIsARejectRow() {
    byte[] bytes = dictionary("charges the bank").toByteArray();
    String hash = Codec.sha256(bytes);
    deliver("dictionary", bytes); // published just before the birth
    assertThat(used(KEY)).isEqualTo("none");
    deliver("state", online(1, hash));
    assertThat(used(KEY)).isEqualTo(hash);
    deliver("evt", Event.newBuilder().setHeader(header(1, 50)).setId(1201).setText("cell 1 at 2.9 V").build()
        .toByteArray());

    String other = "lunar-south/bank-ctl-8";
    deliver(other, "state", online(1, hash));
    deliver(other, "dictionary", dictionary("charges the bank (forged)").toByteArray());
    deliver(other, "dictionary", "not protobuf at all \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
    deliver(other, "state", state(1, ControllerState.Status.STATUS_OFFLINE, hash));
    commit();

    KnownDictionary known = site.dictionary(KEY).orElseThrow();
    assertThat(known.subsystems()).containsExactly("bank", "seq");
    assertThat(known.channel("bank.cell_01_voltage").orElseThrow().getType()).isEqualTo("F64");
    assertThat(site.controller(KEY).orElseThrow().dictionaryHash()).isEqualTo(hash);
    assertThat(count("SELECT count() FROM dictionaries WHERE hash = '" + hash + "'")).isEqualTo(1);
    assertThat(count("SELECT count() FROM events WHERE name = 'CELL_OVERVOLTAGE' AND severity = 'WARNING_HI'"
        + " AND subsystem = 'bank'")).isEqualTo(1);

    assertThat(used(other)).isEqualTo("none");
    List<String> rejects = rejects();
    assertThat(rejects).hasSize(2);
    assertThat(rejects).allSatisfy(r -> assertThat(r).startsWith(ROOT + "/" + other + "/dictionary: "));
    assertThat(rejects).anySatisfy(r -> assertThat(r).contains("its SHA-256 is not the dictionary_hash its state"));
    assertThat(rejects).anySatisfy(r -> assertThat(r).contains("dictionary does not parse"));
    assertThat(ingestor.counters().dictionaries).isEqualTo(1);
  }

  @Test
  void aRestartedStationUsesTheArchivedDictionaryUntilAStateNamesAnother() {
    byte[] first = dictionary("charges the bank").toByteArray();
    deliver("state", online(1, Codec.sha256(first)));
    deliver("dictionary", first);
    commit();
    writer.close();
    archive.close();

    archive = Archive.open(dir.resolve("archive"));
    writer = archive.writer();
    site = new SiteModel();
    ingestor = new Ingestor(ROOT, site, writer);
    new Restore(archive, site).into(ingestor.tracker(), ingestor.dictionaries());
    assertThat(used(KEY)).isEqualTo(Codec.sha256(first));

    deliver("dictionary", first); // the retained copies again
    deliver("state", online(1, Codec.sha256(first)));
    commit();
    assertThat(used(KEY)).isEqualTo(Codec.sha256(first));
    assertThat(count("SELECT count() FROM dictionaries")).isEqualTo(1);

    byte[] second = dictionary("charges the bank, faster").toByteArray();
    deliver("dictionary", second);
    deliver("state", online(2, Codec.sha256(second)));
    assertThat(used(KEY)).isEqualTo(Codec.sha256(second));
    assertThat(rejects()).isEmpty();
  }
}
