package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import space.lunarbase.ground.cli.SchemaCatalog.Builtin;
import space.lunarbase.ground.cli.SchemaCatalog.Decode;
import space.lunarbase.ground.cli.SchemaCatalog.Refuse;
import space.lunarbase.ground.cli.SchemaCatalog.Wait;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.ControllerState;

/**
 * Which schema a controller's messages are decoded with, judged from its birth and its schema
 * topic over time (nanosecond times given by the test): real descriptor sets, real births.
 */
class SchemaCatalogTest {

  private static final String C = "lunar-south/bank-ctl-1";
  private static final String TOPIC = "lunarbase/v1/lunar-south/bank-ctl-1/schema";
  private static final long MS = 1_000_000L;
  private static final byte[] TRUE = Schema.descriptorSet().toByteArray();
  private static final byte[] FORGED = forged().toByteArray();
  private static final String FORGED_HASH = WireSchema.sha256(FORGED);

  private final SchemaCatalog catalog = new SchemaCatalog(Duration.ofMillis(500));

  @Test
  void aSchemaTheBirthNamesDecodesAtOnceWhicheverCameFirst() {
    catalog.published(C, TOPIC, TRUE, 0);
    assertThat(catalog.verdict(C, 10 * MS)).isEqualTo(new Wait(500 * MS));
    catalog.state(C, birth(Schema.hash()), 20 * MS);

    assertThat(catalog.verdict(C, 21 * MS)).isInstanceOfSatisfying(Decode.class, d -> {
      assertThat(d.schema().hash()).isEqualTo(Schema.hash());
      assertThat(d.schema().isDynamic()).isTrue();
      assertThat(d.note()).isEmpty();
    });
  }

  @Test
  void aSchemaThatIsNotTheBirthsIsRefusedAfterTheGraceWithOneClearNote() {
    catalog.state(C, birth(Schema.hash()), 0);
    catalog.published(C, TOPIC, FORGED, 5 * MS);

    assertThat(catalog.verdict(C, 100 * MS)).isEqualTo(new Wait(505 * MS));
    assertThat(catalog.verdict(C, 505 * MS)).isEqualTo(new Refuse(C + ": schema on " + TOPIC
        + " does not match the birth's hash (sha256 " + FORGED_HASH.substring(0, 12) + " vs "
        + Schema.hash().substring(0, 12) + "): not decoding its messages"));

    catalog.published(C, TOPIC, TRUE, 900 * MS);
    assertThat(catalog.verdict(C, 901 * MS)).isInstanceOf(Decode.class);
  }

  @Test
  void aForgedSchemaAfterTheTrueOneIsIgnoredAndNamedOnceTheGraceIsOver() {
    catalog.published(C, TOPIC, TRUE, 0);
    catalog.state(C, birth(Schema.hash()), MS);
    catalog.published(C, TOPIC, FORGED, 1000 * MS);

    Decode early = (Decode) catalog.verdict(C, 1200 * MS);
    Decode late = (Decode) catalog.verdict(C, 1500 * MS);

    assertThat(early.schema().hash()).isEqualTo(Schema.hash());
    assertThat(early.note()).isEmpty();
    assertThat(late.schema().hash()).as("still the birth's schema").isEqualTo(Schema.hash());
    assertThat(late.note()).contains(C + ": schema on " + TOPIC + " does not match the birth's hash (sha256 "
        + FORGED_HASH.substring(0, 12) + " vs " + Schema.hash().substring(0, 12) + "): ignoring it, decoding with"
        + " schema " + Schema.hash().substring(0, 12) + " (the birth's, seen before)");
  }

  @Test
  void anUpgradePublishesTheNewSchemaBeforeItsBirthWithoutANote() {
    catalog.published(C, TOPIC, TRUE, 0);
    catalog.state(C, birth(Schema.hash()), MS);
    catalog.published(C, TOPIC, FORGED, 1000 * MS); // the next firmware's schema
    assertThat(((Decode) catalog.verdict(C, 1010 * MS)).schema().hash()).isEqualTo(Schema.hash());
    catalog.state(C, birth(FORGED_HASH), 1020 * MS);

    Decode after = (Decode) catalog.verdict(C, 3000 * MS);
    assertThat(after.schema().hash()).isEqualTo(FORGED_HASH);
    assertThat(after.note()).isEmpty();
  }

  @Test
  void aSchemaWithoutABirthIsNotUsedAndNothingAtAllFallsBackToTheCompiledClasses() {
    catalog.published(C, TOPIC, TRUE, 0);
    assertThat(catalog.verdict(C, 500 * MS)).isEqualTo(new Refuse(C + ": schema on " + TOPIC + " (sha256 "
        + Schema.hash().substring(0, 12) + ") came without a birth naming it on its state topic: not decoding its"
        + " messages until one does"));

    String other = "lunar-south/trk-ctl-1";
    assertThat(catalog.verdict(other, 100 * MS)).isEqualTo(new Wait(600 * MS));
    assertThat(catalog.verdict(other, 600 * MS)).isEqualTo(new Builtin("no schema from " + other + " within 500ms:"
        + " decoding its messages with lunarctl's built-in schema v" + Schema.VERSION + " until one arrives"));
  }

  @Test
  void aBirthWhoseSchemaIsUnusableFallsBackToTheCompiledClasses() {
    byte[] garbage = {1, 2, 3};
    catalog.published(C, TOPIC, garbage, 0);
    catalog.state(C, birth(WireSchema.sha256(garbage)), MS);

    assertThat(catalog.verdict(C, 2 * MS)).isInstanceOfSatisfying(Builtin.class,
        b -> assertThat(b.note()).startsWith("the schema of " + C + " is unusable (not a FileDescriptorSet"));
  }

  @Test
  void theHashIsReadFromTheBirthWithTheCompiledLayoutAndMustBeASha256() {
    assertThat(SchemaCatalog.birthHash(birth(Schema.hash()))).contains(Schema.hash());
    assertThat(SchemaCatalog.birthHash(birth("abc"))).isEmpty();
    assertThat(SchemaCatalog.birthHash(birth(Schema.hash().toUpperCase()))).isEmpty();
    assertThat(SchemaCatalog.birthHash(new byte[] {(byte) 0xff, (byte) 0xff})).isEmpty();
    assertThat(SchemaCatalog.birthHash(new byte[0])).isEqualTo(Optional.empty());
  }

  @Test
  void aFloodOfSchemasKeepsOnlyTheSetsSomeoneNames() {
    catalog.published(C, TOPIC, TRUE, 0);
    catalog.state(C, birth(Schema.hash()), MS);
    for (int i = 0; i < 50; i++) {
      FileDescriptorSet.Builder set = Schema.descriptorSet().toBuilder()
          .addFile(FileDescriptorProto.newBuilder().setName("flood" + i + ".proto"));
      catalog.published(C, TOPIC, set.build().toByteArray(), (2 + i) * MS);
    }

    assertThat(catalog.cachedSets()).isEqualTo(2); // the birth's, and the last one published
    assertThat(((Decode) catalog.verdict(C, 100 * MS)).schema().hash()).isEqualTo(Schema.hash());
  }

  private static byte[] birth(String hash) {
    return ControllerState.newBuilder().setStatus(ControllerState.Status.STATUS_ONLINE).setBootCount(3)
        .setSchemaHash(hash).build().toByteArray();
  }

  /** The true set with BankTelemetry's pack voltage and current swapped: decoding with it would swap them. */
  static FileDescriptorSet forged() {
    FileDescriptorSet.Builder set = Schema.descriptorSet().toBuilder();
    for (FileDescriptorProto.Builder file : set.getFileBuilderList()) {
      for (DescriptorProto.Builder message : file.getMessageTypeBuilderList()) {
        if (message.getName().equals("BankTelemetry")) {
          FieldDescriptorProto.Builder volts = field(message, "pack_voltage_v");
          FieldDescriptorProto.Builder amps = field(message, "pack_current_a");
          int number = volts.getNumber();
          volts.setNumber(amps.getNumber());
          amps.setNumber(number);
        }
      }
    }
    return set.build();
  }

  private static FieldDescriptorProto.Builder field(DescriptorProto.Builder message, String name) {
    return message.getFieldBuilderList().stream().filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
  }
}
