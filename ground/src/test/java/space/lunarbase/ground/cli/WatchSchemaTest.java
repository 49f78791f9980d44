package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Struct;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.util.JsonFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.ground.cli.Decoder.Undecodable;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.ChannelCatalogue;
import space.lunarbase.proto.v1.ChannelDef;
import space.lunarbase.proto.v1.ChannelInfo;
import space.lunarbase.proto.v1.ChannelTelemetry;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CoreTelemetry;
import space.lunarbase.proto.v1.Dictionary;
import space.lunarbase.proto.v1.EntryResult;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.GateCrossing;
import space.lunarbase.proto.v1.LimitLevel;
import space.lunarbase.proto.v1.LinkTelemetry;
import space.lunarbase.proto.v1.Mode;
import space.lunarbase.proto.v1.ParameterTelemetry;
import space.lunarbase.proto.v1.ParameterValue;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.RailTelemetry;
import space.lunarbase.proto.v1.RateGroupTelemetry;
import space.lunarbase.proto.v1.SampleBatch;
import space.lunarbase.proto.v1.SequenceSlot;
import space.lunarbase.proto.v1.SequenceTelemetry;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.ShotReport;
import space.lunarbase.proto.v1.SunSensorTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TrackerAxis;
import space.lunarbase.proto.v1.TrackerTelemetry;
import space.lunarbase.proto.v1.Value;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * {@code lunarctl watch} decoding with the schema a controller publishes (retained) on its schema
 * topic, as the firmware does: every payload kind's line, schemas lunarctl was not built with,
 * the fallback to the compiled classes, and historical frames.
 */
class WatchSchemaTest {

  private static final Instant NOW = Instant.parse("2026-11-30T03:40:05Z");
  private static final Instant T0 = Instant.parse("2026-11-30T03:40:00Z");
  private static final AtomicInteger SITES = new AtomicInteger();

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  private Wire wire;
  private String site;

  @BeforeEach
  void connect() throws Exception {
    site = "schema-site-" + SITES.incrementAndGet();
    wire = new Wire(broker.url(), site, "ctl-1");
  }

  @AfterEach
  void disconnect() throws Exception {
    wire.close();
  }

  @Test
  void rateGroupsAndParametersHaveLinesOfTheirOwn() throws Exception {
    wire.announce(3, T0);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--count", "4");
    watch.awaitLines(2);
    wire.publish("tlm/core", frame(1, T0).setCore(CoreTelemetry.newBuilder()
        .addGroups(RateGroupTelemetry.newBuilder().setName("fast").setRateHz(100).setLatenessP99Us(180)
            .setExecP99Us(40).setOverruns(1))
        .addGroups(RateGroupTelemetry.newBuilder().setName("slow").setRateHz(0.5).setLatenessP99Us(90)
            .setExecP99Us(700))).build().toByteArray(), false);
    wire.publish("tlm/params", frame(1, T0.plusMillis(100)).setParams(ParameterTelemetry.newBuilder()
        .addParameters(ParameterValue.newBuilder().setName("bank.charge-current-limit-a").setUnit("A")
            .setValue(Value.newBuilder().setNumber(40)).setSource(ParameterValue.Source.SOURCE_COMMANDED))
        .setChanged("bank.charge-current-limit-a")).build().toByteArray(), false);

    assertThat(watch.exitCode()).isZero();
    String ctl = "2026-11-30T03:40:00.%s " + site + "/ctl-1 ";
    assertThat(watch.lines().subList(2, 4)).containsExactly(
        ctl.formatted("000Z") + "tlm/core #1 boot 3 core fast 100Hz late p99=180us exec p99=40us overruns=1"
            + " | slow 0.5Hz late p99=90us exec p99=700us overruns=0",
        ctl.formatted("100Z") + "tlm/params #1 boot 3 params bank.charge-current-limit-a=40.0 A (commanded)"
            + " changed=\"bank.charge-current-limit-a\"");
  }

  @Test
  void sequenceSlotsHaveALineOfTheirOwn() throws Exception {
    wire.announce(3, T0);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--count", "4");
    watch.awaitLines(2);
    long due = Wire.nanos(Instant.parse("2026-11-30T03:41:00.250Z"));
    wire.publish("tlm/seq", frame(7, T0).setSeq(SequenceTelemetry.newBuilder().setChangedSlot(1)
        .addSlots(SequenceSlot.newBuilder().setSlot(1).setName("night").setState(SequenceSlot.State.STATE_RUNNING)
            .setEntriesTotal(12).setEntriesDone(3).setEntriesFailed(1).setNextEntry(4).setNextDueNs(due)
            .setLast(EntryResult.newBuilder().setEntry(3).setOutcome(EntryResult.Outcome.OUTCOME_FAILED)
                .setReason(Reason.REASON_ILLEGAL_IN_MODE)))
        .addSlots(SequenceSlot.newBuilder().setSlot(2).setState(SequenceSlot.State.STATE_IDLE))
        .addSlots(SequenceSlot.newBuilder().setSlot(3).setName("spare").setState(SequenceSlot.State.STATE_DONE)
            .setEntriesTotal(2).setEntriesDone(2)
            .setLast(EntryResult.newBuilder().setEntry(2).setOutcome(EntryResult.Outcome.OUTCOME_COMPLETED)))
        .addSlots(SequenceSlot.newBuilder().setSlot(4).setState(SequenceSlot.State.STATE_IDLE))).build()
        .toByteArray(), false);
    wire.publish("tlm/seq", frame(8, T0.plusSeconds(1)).setSeq(SequenceTelemetry.newBuilder()
        .addSlots(SequenceSlot.newBuilder().setSlot(1).setState(SequenceSlot.State.STATE_IDLE))).build()
        .toByteArray(), false);

    assertThat(watch.exitCode()).isZero();
    String ctl = "2026-11-30T03:40:0%s " + site + "/ctl-1 tlm/seq ";
    assertThat(watch.lines().subList(2, 4)).containsExactly(
        ctl.formatted("0.000Z") + "#7 boot 3 seq 1 'night' RUNNING 3/12 failed=1 next #4 at 2026-11-30T03:41:00.250Z"
            + " last #3 FAILED ILLEGAL_IN_MODE | 3 'spare' DONE 2/2 last #2 COMPLETED (2 idle) changed=1",
        ctl.formatted("1.000Z") + "#8 boot 3 seq (1 idle)");
  }

  @Test
  void channelValuesAreNamedFromTheLastCatalogueSeen() throws Exception {
    wire.announce(3, T0);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--count", "5");
    watch.awaitLines(2);
    ChannelCatalogue catalogue = ChannelCatalogue.newBuilder()
        .addChannels(ChannelInfo.newBuilder().setName("bank.pack_voltage").setUnit("V"))
        .addChannels(ChannelInfo.newBuilder().setName("bank.cell_03_voltage").setUnit("V"))
        .addChannels(ChannelInfo.newBuilder().setName("bank.temperature_02").setUnit("degC")).build();
    ChannelTelemetry values = ChannelTelemetry.newBuilder().setCatalogueId(0x3fa2c1d0).addValue(30.125f)
        .addValue(2.712f).addValue(Float.NaN)
        .addAllQuality(List.of(Quality.QUALITY_GOOD, Quality.QUALITY_GOOD, Quality.QUALITY_FAILED))
        .addAllLevel(List.of(LimitLevel.LIMIT_LEVEL_IN_LIMITS, LimitLevel.LIMIT_LEVEL_YELLOW_HI,
            LimitLevel.LIMIT_LEVEL_IN_LIMITS))
        .putFaults(2, "no answer").build();
    wire.publish("tlm/channels", frame(1, T0).setChannels(values).build().toByteArray(), false);
    wire.publish("tlm/channels", frame(2, T0.plusMillis(100)).setChannels(values.toBuilder().setCatalogue(catalogue))
        .build().toByteArray(), false);
    wire.publish("tlm/channels", frame(3, T0.plusMillis(200)).setChannels(ChannelTelemetry.newBuilder()
        .setCatalogueId(0x3fa2c1d0).addValue(30.5f).addValue(2.6f).addValue(21.25f)).build().toByteArray(), false);

    assertThat(watch.exitCode()).isZero();
    String ctl = "2026-11-30T03:40:00.%s " + site + "/ctl-1 ";
    assertThat(watch.lines().subList(2, 5)).containsExactly(
        ctl.formatted("000Z") + "tlm/channels #1 boot 3 channels 3: 1 ok, 1 yellow, 0 red, 1 bad (catalogue 3fa2c1d0"
            + " not seen yet: it comes every catalogue period, or ask with lunarctl rebirth)"
            + " | #0=30.13 #1=2.712 YELLOW_HI #2=? FAILED \"no answer\"",
        ctl.formatted("100Z") + "tlm/channels #2 boot 3 channels 3: 1 ok, 1 yellow, 0 red, 1 bad"
            + " | bank.pack_voltage=30.13V bank.cell_03_voltage=2.712V YELLOW_HI bank.temperature_02=? FAILED \"no answer\"",
        ctl.formatted("200Z") + "tlm/channels #3 boot 3 channels 3: 3 ok, 0 yellow, 0 red, 0 bad"
            + " | bank.pack_voltage=30.5V bank.cell_03_voltage=2.6V bank.temperature_02=21.25degC");
  }

  @Test
  void withTheControllersDictionaryChannelValuesAreNamedFromTheFirstFrame() throws Exception {
    ChannelCatalogue catalogue = ChannelCatalogue.newBuilder()     // as the firmware builds it from its channels
        .addChannels(ChannelInfo.newBuilder().setName("bank.pack_voltage").setUnit("V").setYellowLow(Double.NaN)
            .setYellowHigh(30).setRedLow(Double.NaN).setRedHigh(31.5).setPersistence(3))
        .addChannels(ChannelInfo.newBuilder().setName("bank.temperature_02").setUnit("degC").setYellowLow(-30)
            .setYellowHigh(55).setRedLow(-40).setRedHigh(65).setPersistence(3)).build();
    Dictionary dictionary = Dictionary.newBuilder().setVersion(1)
        .addChannels(ChannelDef.newBuilder().setName("bank.pack_voltage").setType("F64").setUnit("V")
            .setYellowLow(Double.NaN).setYellowHigh(30).setRedLow(Double.NaN).setRedHigh(31.5).setPersistence(3))
        .addChannels(ChannelDef.newBuilder().setName("bank.temperature_02").setType("F64").setUnit("degC")
            .setYellowLow(-30).setYellowHigh(55).setRedLow(-40).setRedHigh(65).setPersistence(3)).build();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(catalogue.toByteArray());
    wire.publishSchema();
    wire.publish("dictionary", dictionary.toByteArray(), true);
    wire.publish("state", wire.online(3, T0).toBuilder()
        .setDictionaryHash(DictionaryLookup.sha256(dictionary.toByteArray())).build().toByteArray(), true);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--count", "4");
    watch.awaitLines(3);

    wire.publish("tlm/channels", frame(1, T0).setChannels(ChannelTelemetry.newBuilder()
        .setCatalogueId((int) crc.getValue()).addValue(30.5f).addValue(21.25f)).build().toByteArray(), false);

    assertThat(watch.exitCode()).isZero();
    assertThat(watch.lines()).anyMatch(l -> l.endsWith(site + "/ctl-1 dictionary v1 (0 commands, 2 channels, 0 events,"
        + " 0 parameters) (retained)"));
    assertThat(watch.lines().getLast()).isEqualTo("2026-11-30T03:40:00.000Z " + site + "/ctl-1 tlm/channels #1 boot 3"
        + " channels 2: 2 ok, 0 yellow, 0 red, 0 bad | bank.pack_voltage=30.5V bank.temperature_02=21.25degC");
  }

  @Test
  void everyPayloadKindIsDecodedWithOnlyThePublishedSchema() throws Exception {
    wire.publishSchema();
    wire.publish("state", wire.online(3, T0).toByteArray(), true);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--count", "9");
    watch.awaitLines(2);

    wire.publish("tlm/tracker", frame(1, T0.plusMillis(100)).setTracker(TrackerTelemetry.newBuilder()
        .setTrackerId("tracker-1").setMotorsEnabled(true).setMode(Mode.MODE_NOMINAL).setPointingErrorDeg(0.42)
        .setAzimuth(TrackerAxis.newBuilder().setAngleDeg(181.2).setTargetDeg(182).setQuality(Quality.QUALITY_GOOD))
        .setElevation(TrackerAxis.newBuilder().setAngleDeg(35.5).setTargetDeg(35.5).setQuality(Quality.QUALITY_STALE)
            .setFault("encoder slow"))
        .setSunSensor(SunSensorTelemetry.newBuilder().setValid(true).setQuality(Quality.QUALITY_GOOD))).build()
        .toByteArray(), false);
    wire.publish("tlm/rail", frame(1, T0.plusMillis(200)).setRail(RailTelemetry.newBuilder().setRailId("rail-1")
        .setSequence(RailTelemetry.Sequence.SEQUENCE_ARMED).setBreechLatched(true).setRailClear(true)
        .setArmOutput(true).setFifoDepth(3).setQuality(Quality.QUALITY_GOOD)).build().toByteArray(), false);
    wire.publish("tlm/link", frame(1, T0.plusMillis(300)).setLink(LinkTelemetry.newBuilder()
        .setStatus(LinkTelemetry.Status.STATUS_OK).setOutboxDepth(3).setOutboxCapacity(256).setJournalPending(12)
        .setReplayed(40).setReconnects(2).setPublished(900).setJournalDropped(5).setTakeovers(2)).build().toByteArray(),
        false);
    wire.publish("tlm/shot", frame(1, T0.plusMillis(400)).setShot(ShotReport.newBuilder().setPayloadId("p-7")
        .setExitSpeedMps(1234.5).setTargetSpeedMps(1250).addAnomalies("gate 2 late")
        .addGates(GateCrossing.newBuilder().setGate(1)).addGates(GateCrossing.newBuilder().setGate(2))
        .addGates(GateCrossing.newBuilder().setGate(3))).build().toByteArray(), false);
    wire.publish("evt", Event.newBuilder().setHeader(wire.header(3, 1, T0.plusMillis(500)))
        .setSeverity(Severity.SEVERITY_WARNING_HI).setSubsystem("link").setName("JOURNAL_DROPPED_OLDEST").setId(1001)
        .setText("journal full: dropped 5 oldest records").putArgs("dropped", "5").build().toByteArray(), false);
    wire.publish("tlm/bank", frame(1, T0.plusMillis(600)).setBank(BankTelemetry.newBuilder().setBankId("bank-1")
            .setPackVoltageV(12.2).setPackCurrentA(0.1).setPackPowerW(1.22).setQuality(Quality.QUALITY_GOOD))
        .addBatches(SampleBatch.newBuilder().setChannel("pack_voltage_v").addValue(11.9f).addValue(12.4f)
            .addValue(12.1f).addTimeOffsetNs(-2).addTimeOffsetNs(-1).addTimeOffsetNs(0))
        .addBatches(SampleBatch.newBuilder().setChannel("pack_current_a").addValue(-0.1f).addValue(0.25f)
            .addTimeOffsetNs(-1).addTimeOffsetNs(0))
        .build().toByteArray(), false);
    wire.publish("evt", Event.newBuilder().setHeader(wire.header(3, 2, T0.plusMillis(700)))
        .setSeverity(Severity.SEVERITY_ACTIVITY_HI).setSubsystem("core").setName("MODE_CHANGED").setId(7)
        .setText("mode NOMINAL").setSuppressed(3).build().toByteArray(), false);

    assertThat(watch.exitCode()).isZero();
    String ctl = "2026-11-30T03:40:00.%s " + site + "/ctl-1 ";
    List<String> lines = watch.lines();
    assertThat(lines.getFirst()).startsWith("2026-11-30T03:40:05.000Z " + site + "/ctl-1 schema "
        + Schema.hash().substring(0, 12) + " (" + Schema.descriptorSet().getFileCount() + " files, ")
        .endsWith(" message types) (retained)");
    assertThat(lines.subList(1, lines.size())).containsExactly(
        ctl.formatted("000Z") + "state ONLINE boot 3 fw 0.1.0 schema v1 (retained)",
        ctl.formatted("100Z") + "tlm/tracker #1 boot 3 tracker=tracker-1 az=181.20->182.00 el=35.50 err=0.42"
            + " sun=valid motors=on NOMINAL [el STALE \"encoder slow\"]",
        ctl.formatted("200Z") + "tlm/rail #1 boot 3 rail=rail-1 ARMED breech=latched clear=yes arm=on permit=off"
            + " fifo=3 GOOD",
        ctl.formatted("300Z") + "tlm/link #1 boot 3 link OK outbox=3/256 journal=12 replayed=40 reconnects=2"
            + " published=900 journal-dropped=5 takeovers=2",
        ctl.formatted("400Z") + "tlm/shot #1 boot 3 shot payload=p-7 exit=1234.5m/s target=1250.0m/s gates=3"
            + " anomalies: \"gate 2 late\"",
        ctl.formatted("500Z") + "evt #1 boot 3 EVT WARNING_HI link/JOURNAL_DROPPED_OLDEST [1001]"
            + " journal full: dropped 5 oldest records",
        ctl.formatted("600Z") + "tlm/bank #1 boot 3 bank=bank-1 V=12.200 I=0.100 P=1.2 GOOD"
            + " +2 batches: pack_voltage_v x3 11.9..12.4, pack_current_a x2 -0.1..0.25",
        ctl.formatted("700Z") + "evt #2 boot 3 EVT ACTIVITY_HI core/MODE_CHANGED [7] mode NOMINAL (+3 suppressed)");
    assertThat(watch.err()).as("no fallback to the compiled classes").isEmpty();
  }

  @Test
  void aSchemaWithFieldsLunarctlWasNotBuiltWithDecodesThem() throws Exception {
    // The next firmware adds `uint32 queue_high_water = 40;` to LinkTelemetry and publishes its schema.
    FileDescriptorSet.Builder evolved = Schema.descriptorSet().toBuilder();
    for (FileDescriptorProto.Builder file : evolved.getFileBuilderList()) {
      for (DescriptorProto.Builder message : file.getMessageTypeBuilderList()) {
        if (message.getName().equals("LinkTelemetry")) {
          message.addField(FieldDescriptorProto.newBuilder().setName("queue_high_water").setJsonName("queueHighWater")
              .setNumber(40).setType(FieldDescriptorProto.Type.TYPE_UINT32)
              .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL));
        }
      }
    }
    UnknownFieldSet highWater = UnknownFieldSet.newBuilder()
        .addField(40, UnknownFieldSet.Field.newBuilder().addVarint(77).build()).build();
    byte[] frame = frame(9, T0).setLink(LinkTelemetry.newBuilder().setStatus(LinkTelemetry.Status.STATUS_OK)
        .setOutboxCapacity(256).setUnknownFields(highWater)).build().toByteArray();
    assertThat(new Decoder().decode(wire.prefix() + "tlm/link", frame)).as("the compiled classes refuse it")
        .isEqualTo(new Undecodable("unknown fields in TelemetryFrame.link (not a TelemetryFrame of built-in schema v1)"));

    byte[] evolvedBytes = evolved.build().toByteArray();
    wire.publish("schema", evolvedBytes, true);
    wire.publish("state", wire.online(3, T0, WireSchema.sha256(evolvedBytes)).toByteArray(), true);
    wire.publish("tlm/link", frame, true);
    Run json = watch("lunarbase/v1/" + site + "/+/tlm/#", "--count", "1", "--json");
    Run text = watch("lunarbase/v1/" + site + "/+/tlm/#", "--count", "1");

    assertThat(json.exitCode()).isZero();
    Struct message = parse(json.lines().getFirst()).getFieldsOrThrow("message").getStructValue();
    Struct link = message.getFieldsOrThrow("link").getStructValue();
    assertThat(link.getFieldsOrThrow("queueHighWater").getNumberValue()).isEqualTo(77);
    assertThat(link.getFieldsOrThrow("outboxCapacity").getNumberValue()).isEqualTo(256);
    assertThat(text.exitCode()).isZero();
    assertThat(text.lines()).containsExactly("2026-11-30T03:40:00.000Z " + site + "/ctl-1 tlm/link #9 boot 3"
        + " link OK outbox=0/256 journal=0 replayed=0 reconnects=0 published=0 (retained)");
    assertThat(json.err()).isEmpty();
    assertThat(text.err()).isEmpty();
  }

  @Test
  void withoutASchemaTheCompiledClassesDecodeStderrSaysSoOnceAndALateSchemaTakesOver() throws Exception {
    wire.publish("state", wire.online(3, T0).toByteArray(), true);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--count", "5");
    watch.awaitLines(1);
    wire.publish("tlm/bank", bankFrame(wire.header(3, 1, T0)), false);
    watch.awaitLines(2);

    wire.publishSchema();
    watch.awaitLines(3);
    wire.publish("tlm/bank", bankFrame(wire.header(3, 2, T0)), false);
    wire.publish("tlm/bank", bankFrame(wire.header(3, 3, T0)), false);

    assertThat(watch.exitCode()).isZero();
    String ctl = site + "/ctl-1";
    assertThat(watch.lines()).hasSize(5);
    assertThat(watch.lines().get(1)).endsWith("tlm/bank #1 boot 3 bank=bank-1 V=12.000 I=1.000 P=12.0 GOOD");
    assertThat(watch.lines().get(2)).contains(ctl + " schema " + Schema.hash().substring(0, 12));
    assertThat(watch.lines().get(4)).endsWith("tlm/bank #3 boot 3 bank=bank-1 V=12.000 I=1.000 P=12.0 GOOD");
    assertThat(watch.err()).isEqualTo(
        "lunarctl: no schema from " + ctl + " within 500ms: decoding its messages with lunarctl's built-in schema v1"
            + " until one arrives\n"
            + "lunarctl: schema " + Schema.hash().substring(0, 12) + " of " + ctl
            + " arrived: decoding its messages with it from now on\n");
  }

  @Test
  void historicalFramesAreFlaggedFillGapsAndCopiesOfLiveOnesAreLeftOut() throws Exception {
    wire.publishSchema();
    wire.publish("state", wire.online(3, T0).toByteArray(), true);
    Run watch = watch("lunarbase/v1/" + site + "/#", "--count", "7");
    watch.awaitLines(2); // schema and state: subscribed

    wire.publish("tlm/bank", bankFrame(wire.header(3, 1, T0.plusSeconds(1))), false);
    wire.publish("tlm/bank", bankFrame(wire.header(3, 4, T0.plusSeconds(4))), false);
    wire.publish("tlm/bank", bankFrame(wire.historical(3, 2, T0.plusSeconds(2))), false);
    wire.publish("tlm/bank", bankFrame(wire.historical(3, 4, T0.plusSeconds(4))), false); // got through live
    wire.publish("tlm/bank", bankFrame(wire.historical(3, 3, T0.plusSeconds(3))), false);
    wire.publish("tlm/bank", bankFrame(wire.header(3, 5, T0.plusSeconds(5))), false);

    assertThat(watch.exitCode()).isZero();
    String bank = site + "/ctl-1 tlm/bank ";
    String sample = " boot 3 bank=bank-1 V=12.000 I=1.000 P=12.0 GOOD";
    assertThat(watch.lines().subList(2, watch.lines().size())).containsExactly(
        "2026-11-30T03:40:01.000Z " + bank + "#1" + sample,
        "!! gap on " + wire.prefix() + "tlm/bank: expected #2, got #4 (2 lost)",
        "2026-11-30T03:40:04.000Z " + bank + "#4" + sample,
        "2026-11-30T03:40:02.000Z " + bank + "#2" + sample + " (historical)",
        "2026-11-30T03:40:03.000Z " + bank + "#3" + sample + " (historical)",
        "2026-11-30T03:40:05.000Z " + bank + "#5" + sample);
    assertThat(watch.err()).isEmpty();
  }

  @Test
  void theSchemaAndStateFiltersFollowTheWatchFilter() {
    assertThat(WatchCommand.siblingFilter("lunarbase/v1/#", null, "schema")).isEqualTo("lunarbase/v1/+/+/schema");
    assertThat(WatchCommand.siblingFilter("#", null, "schema")).isEqualTo("lunarbase/v1/+/+/schema");
    assertThat(WatchCommand.siblingFilter("lunarbase/v1/s-1/#", null, "schema")).isEqualTo("lunarbase/v1/s-1/+/schema");
    assertThat(WatchCommand.siblingFilter("lunarbase/v1/+/c-1/tlm/bank", null, "state"))
        .isEqualTo("lunarbase/v1/+/c-1/state");
    assertThat(WatchCommand.siblingFilter("replay/lunarbase/v1/s/c/evt", "replay", "schema"))
        .isEqualTo("replay/lunarbase/v1/s/c/schema");
    assertThat(WatchCommand.siblingFilter("other/#", null, "schema")).isNull();
    assertThat(WatchCommand.siblingFilter("lunarbase/v2/#", null, "state")).isNull();

    assertThat(WatchCommand.covers("lunarbase/v1/#", "lunarbase/v1/+/+/state")).isTrue();
    assertThat(WatchCommand.covers("lunarbase/v1/+/+/+", "lunarbase/v1/+/+/state")).isTrue();
    assertThat(WatchCommand.covers("lunarbase/v1/s-1/#", "lunarbase/v1/s-1/+/state")).isTrue();
    assertThat(WatchCommand.covers("lunarbase/v1/+/+/tlm/#", "lunarbase/v1/+/+/state")).isFalse();
    assertThat(WatchCommand.covers("lunarbase/v1/+/c-1/evt", "lunarbase/v1/+/c-1/state")).isFalse();
  }

  // --- helpers

  private static Run watch(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "watch";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--broker";
    all[args.length + 2] = broker.url();
    return Run.start(Clock.fixed(NOW, ZoneOffset.UTC), all);
  }

  private TelemetryFrame.Builder frame(long sequence, Instant sampled) {
    return TelemetryFrame.newBuilder().setHeader(wire.header(3, sequence, sampled));
  }

  private static byte[] bankFrame(space.lunarbase.proto.v1.Header header) {
    return TelemetryFrame.newBuilder().setHeader(header).setBank(BankTelemetry.newBuilder().setBankId("bank-1")
        .setPackVoltageV(12).setPackCurrentA(1).setPackPowerW(12).setQuality(Quality.QUALITY_GOOD)).build()
        .toByteArray();
  }

  private static Struct parse(String line) throws Exception {
    Struct.Builder struct = Struct.newBuilder();
    JsonFormat.parser().merge(line, struct);
    return struct.build();
  }
}
