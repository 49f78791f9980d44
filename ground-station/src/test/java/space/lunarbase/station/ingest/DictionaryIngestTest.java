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
 * protobuf bytes: used only when its state names its SHA-256, whichever comes first; dropped when a
 * state names another; refused with a reason when it cannot be used; bounded under a flood; read
 * back after a restart.
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
  void aDictionaryIsUsedOnceItsStateNamesItWhicheverArrivesFirst() {
    byte[] bytes = dictionary("charges the bank").toByteArray();
    String hash = Codec.sha256(bytes);
    deliver("dictionary", bytes); // published just before the birth
    assertThat(used(KEY)).isEqualTo("none");
    deliver("state", online(1, hash));
    assertThat(used(KEY)).isEqualTo(hash);

    String other = "lunar-south/bank-ctl-8";
    deliver(other, "state", online(1, hash)); // retained copies in another order
    deliver(other, "dictionary", bytes);
    deliver(other, "dictionary", bytes); // again: nothing new
    commit();

    assertThat(used(other)).isEqualTo(hash);
    KnownDictionary known = site.dictionary(KEY).orElseThrow();
    assertThat(known.subsystems()).containsExactly("bank", "seq");
    assertThat(known.channel("bank.cell_01_voltage").orElseThrow().getType()).isEqualTo("F64");
    assertThat(site.controller(KEY).orElseThrow().dictionaryHash()).isEqualTo(hash);
    assertThat(count("SELECT count() FROM dictionaries WHERE hash = '" + hash + "'")).isEqualTo(2);
    assertThat(rejects()).isEmpty();
  }

  @Test
  void aStateNamingAnotherDictionaryDropsTheOneInUseUntilItsOwnArrives() {
    byte[] first = dictionary("charges the bank").toByteArray();
    byte[] second = dictionary("charges the bank, faster").toByteArray();
    deliver("state", online(1, Codec.sha256(first)));
    deliver("dictionary", first);
    assertThat(used(KEY)).isEqualTo(Codec.sha256(first));

    deliver("state", online(2, Codec.sha256(second))); // new firmware, its dictionary not here yet
    assertThat(used(KEY)).isEqualTo("none");
    deliver("dictionary", second);
    assertThat(used(KEY)).isEqualTo(Codec.sha256(second));

    deliver("state", online(3, "")); // an older firmware that publishes none
    assertThat(used(KEY)).isEqualTo("none");
    commit();
    assertThat(rejects()).isEmpty();
  }

  @Test
  void aDictionaryItsStateDoesNotNameIsRefusedWithTheReasonAndNotUsed() {
    byte[] named = dictionary("charges the bank").toByteArray();
    byte[] forged = dictionary("charges the bank (forged)").toByteArray();
    deliver("state", online(1, Codec.sha256(named)));
    deliver("dictionary", forged);
    assertThat(used(KEY)).isEqualTo("none");
    deliver("state", state(1, ControllerState.Status.STATUS_OFFLINE, Codec.sha256(named)));
    commit();

    assertThat(used(KEY)).isEqualTo("none");
    assertThat(rejects()).containsExactly(ROOT + "/" + KEY + "/dictionary: dictionary "
        + Codec.sha256(forged).substring(0, 12) + " not used: its SHA-256 is not the dictionary_hash its state names ("
        + Codec.sha256(named).substring(0, 12) + ")");
    assertThat(count("SELECT count() FROM dictionaries")).isZero();
  }

  @Test
  void garbageOversizeAndANewerVersionAreRefusedAndIngestGoesOn() {
    byte[] newer = dictionary("charges the bank").toBuilder().setVersion(2).build().toByteArray();
    deliver("state", online(1, Codec.sha256(newer)));
    deliver("dictionary", newer);
    deliver("dictionary", "not protobuf at all \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
    deliver("dictionary", new byte[DictionaryGate.MAX_BYTES + 1]);
    deliver("dictionary", Dictionary.newBuilder().addCommands(CommandInfo.newBuilder().setName("bank.X")).build()
        .toByteArray()); // no version
    commit();

    assertThat(used(KEY)).isEqualTo("none");
    List<String> reasons = rejects();
    assertThat(reasons).hasSize(4);
    assertThat(reasons).anySatisfy(r -> assertThat(r).endsWith("dictionary version 2 is newer than this station"
        + " reads (1)"));
    assertThat(reasons).anySatisfy(r -> assertThat(r).contains("dictionary does not parse"));
    assertThat(reasons).anySatisfy(r -> assertThat(r).endsWith("dictionary oversize: " + (DictionaryGate.MAX_BYTES + 1)
        + " bytes, at most " + DictionaryGate.MAX_BYTES));
    assertThat(reasons).anySatisfy(r -> assertThat(r).endsWith("not a dictionary: it has no version"));
  }

  @Test
  void aFloodOfDictionariesWithoutABirthIsHeldWithinItsBoundAndTheRestRefused() {
    for (int i = 0; i < 200; i++) {
      deliver("lunar-south/flood-" + i, "dictionary", dictionary("flood " + i).toByteArray());
    }
    for (int i = 0; i < 10; i++) { // one controller, ever another dictionary
      deliver("dictionary", dictionary("again " + i).toByteArray());
    }
    commit();

    assertThat(ingestor.dictionaries().held()).isEqualTo(DictionaryGate.MAX_HELD);
    List<String> reasons = rejects();
    assertThat(reasons).filteredOn(r -> r.contains("no state named it while 64 other dictionaries waited"))
        .hasSize(200 + 1 - DictionaryGate.MAX_HELD);
    assertThat(reasons).filteredOn(r -> r.contains("replaced by another dictionary before a state named it"))
        .hasSize(9);
    assertThat(site.controllers()).allSatisfy(c -> assertThat(c.dictionary()).isEmpty());
  }

  @Test
  void anEventWithoutItsNameShowsTheNameAndSeverityItsDictionaryDeclares() {
    byte[] bytes = dictionary("charges the bank").toByteArray();
    deliver("state", online(1, Codec.sha256(bytes)));
    deliver("dictionary", bytes);
    deliver("evt", Event.newBuilder().setHeader(header(1, 50)).setId(1201).setText("cell 1 at 2.9 V").build()
        .toByteArray());
    commit();
    assertThat(count("SELECT count() FROM events WHERE name = 'CELL_OVERVOLTAGE' AND severity = 'WARNING_HI'"
        + " AND subsystem = 'bank'")).isEqualTo(1);
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
