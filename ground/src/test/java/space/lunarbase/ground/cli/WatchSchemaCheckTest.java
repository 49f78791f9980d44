package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.Quality;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * {@code lunarctl watch} decodes a controller's messages only with the schema its birth names: a
 * forged schema retained over the true one (the pack voltage and current swapped) is one clear line
 * on stderr and no wrong decode; the true one decodes; a schema without a birth is not used.
 */
class WatchSchemaCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-30T03:40:05Z");
  private static final Instant T0 = Instant.parse("2026-11-30T03:40:00Z");
  private static final AtomicInteger SITES = new AtomicInteger();
  private static final byte[] FORGED = SchemaCatalogTest.forged().toByteArray();
  private static final String FORGED_SHORT = WireSchema.sha256(FORGED).substring(0, 12);
  private static final String TRUE_SHORT = Schema.hash().substring(0, 12);

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  private Wire wire;
  private String ctl;

  @BeforeEach
  void connect() throws Exception {
    String site = "check-site-" + SITES.incrementAndGet();
    wire = new Wire(broker.url(), site, "bank-ctl-1");
    ctl = site + "/bank-ctl-1";
  }

  @AfterEach
  void disconnect() throws Exception {
    wire.close();
  }

  @Test
  void aForgedSchemaOverTheTrueOneIsOneClearLineAndNoWrongDecodeAndTheTrueOneDecodesAgain() throws Exception {
    wire.announce(3, T0);
    wire.publish("schema", FORGED, true); // the attacker overwrites the retained schema
    Run watch = watch("lunarbase/v1/" + wire.site + "/#", "--count", "6");
    watch.awaitLines(2); // the schema line and the state, not decoded

    wire.publish("tlm/bank", bank(1), false);
    wire.publish("tlm/bank", bank(2), false);
    watch.awaitLines(4);
    wire.publishSchema(); // the controller's rebirth puts the true one back
    watch.awaitLines(5);
    wire.publish("tlm/bank", bank(3), false);

    assertThat(watch.exitCode()).as(watch.err()).isZero();
    String notDecoded = " undecodable (%d bytes): not decoded: its schema is not the one its birth names (see stderr)";
    assertThat(watch.lines()).containsExactly(
        "2026-11-30T03:40:05.000Z " + ctl + " schema " + FORGED_SHORT + " (" + Schema.descriptorSet().getFileCount()
            + " files, " + WireSchema.fromDescriptorSet(FORGED).messageTypes() + " message types) (retained)",
        "2026-11-30T03:40:05.000Z " + wire.prefix() + "state"
            + notDecoded.formatted(wire.online(3, T0).getSerializedSize()),
        "2026-11-30T03:40:05.000Z " + wire.prefix() + "tlm/bank" + notDecoded.formatted(bank(1).length),
        "2026-11-30T03:40:05.000Z " + wire.prefix() + "tlm/bank" + notDecoded.formatted(bank(2).length),
        "2026-11-30T03:40:05.000Z " + ctl + " schema " + TRUE_SHORT + " (" + Schema.descriptorSet().getFileCount()
            + " files, " + WireSchema.fromDescriptorSet(Schema.descriptorSet().toByteArray()).messageTypes()
            + " message types)",
        "2026-11-30T03:40:03.000Z " + ctl + " tlm/bank #3 boot 3 bank=bank-1 V=12.000 I=1.000 P=12.0 GOOD");
    assertThat(watch.err()).isEqualTo(
        "lunarctl: " + ctl + ": schema on " + wire.prefix() + "schema does not match the birth's hash (sha256 "
            + FORGED_SHORT + " vs " + TRUE_SHORT + "): not decoding its messages\n"
            + "lunarctl: schema " + TRUE_SHORT + " of " + ctl + " matches its birth now: decoding its messages with it"
            + " from now on\n");
  }

  @Test
  void theTrueSchemaDecodesEvenWhenTheFilterLeavesOutTheStateTopic() throws Exception {
    wire.announce(3, T0);
    wire.publish("tlm/bank", bank(1), true); // retained: there for the watch whenever it subscribes
    Run watch = watch("lunarbase/v1/" + wire.site + "/+/tlm/bank", "--count", "1");

    assertThat(watch.exitCode()).as(watch.err()).isZero();
    assertThat(watch.lines()).containsExactly(
        "2026-11-30T03:40:01.000Z " + ctl + " tlm/bank #1 boot 3 bank=bank-1 V=12.000 I=1.000 P=12.0 GOOD (retained)");
    assertThat(watch.err()).isEmpty();
  }

  @Test
  void aSchemaWithoutABirthIsNotUsed() throws Exception {
    wire.publish("schema", FORGED, true);
    wire.publish("tlm/bank", bank(1), true);
    Run watch = watch("lunarbase/v1/" + wire.site + "/+/tlm/#", "--count", "1");

    assertThat(watch.exitCode()).as(watch.err()).isZero();
    assertThat(watch.lines()).singleElement().asString().endsWith("tlm/bank undecodable (" + bank(1).length
        + " bytes): not decoded: its schema is not the one its birth names (see stderr)");
    assertThat(watch.err()).isEqualTo("lunarctl: " + ctl + ": schema on " + wire.prefix() + "schema (sha256 "
        + FORGED_SHORT + ") came without a birth naming it on its state topic: not decoding its messages until one"
        + " does\n");
  }

  private byte[] bank(long sequence) {
    Header header = wire.header(3, sequence, T0.plusSeconds(sequence));
    return TelemetryFrame.newBuilder().setHeader(header).setBank(BankTelemetry.newBuilder().setBankId("bank-1")
        .setPackVoltageV(12).setPackCurrentA(1).setPackPowerW(12).setQuality(Quality.QUALITY_GOOD)).build()
        .toByteArray();
  }

  private static Run watch(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "watch";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--broker";
    all[args.length + 2] = broker.url();
    return Run.start(Clock.fixed(NOW, ZoneOffset.UTC), all);
  }
}
