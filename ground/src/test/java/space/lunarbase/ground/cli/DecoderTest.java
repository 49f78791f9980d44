package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;
import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Decoder.Undecodable;
import space.lunarbase.proto.Schema;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.Severity;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.wire.Topic;

class DecoderTest {

  private static final String TLM = "lunarbase/v1/lunar-south/bank-ctl-1/tlm/bank";
  private static final String STATE = "lunarbase/v1/lunar-south/bank-ctl-1/state";
  private static final String EVT = "lunarbase/v1/lunar-south/bank-ctl-1/evt";
  private static final Header HEADER = Header.newBuilder().setSiteId("lunar-south").setControllerId("bank-ctl-1")
      .setBootCount(3).setSequence(42).setSchemaVersion(1).build();

  private final Decoder decoder = new Decoder();

  @Test
  void decodesByTopicSuffix() {
    TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(HEADER)
        .setBank(BankTelemetry.newBuilder().setBankId("bank-1").setPackVoltageV(12.3)).build();
    ControllerState state = ControllerState.newBuilder().setHeader(HEADER)
        .setStatus(ControllerState.Status.STATUS_ONLINE).build();

    assertThat(decoder.decode(TLM, frame.toByteArray()))
        .isEqualTo(new Decoded(Topic.parse(TLM), frame, Envelope.of(HEADER), WireSchema.BUILTIN));
    assertThat(decoder.decode(STATE, state.toByteArray()))
        .isEqualTo(new Decoded(Topic.parse(STATE), state, Envelope.of(HEADER), WireSchema.BUILTIN));
  }

  @Test
  void withAPublishedSchemaMessagesAreDynamicAndReadTheSame() throws Exception {
    WireSchema published = WireSchema.fromDescriptorSet(Schema.descriptorSet().toByteArray());
    Event event = Event.newBuilder().setHeader(HEADER).setSeverity(Severity.SEVERITY_WARNING_HI).setId(1001)
        .setName("JOURNAL_DROPPED_OLDEST").setSubsystem("link").setText("journal full").putArgs("dropped", "3")
        .build();

    Decoded decoded = (Decoded) decoder.decode(EVT, event.toByteArray(), published);

    assertThat(decoded.message()).isInstanceOf(DynamicMessage.class);
    assertThat(decoded.message().getDescriptorForType().getFullName()).isEqualTo("lunarbase.v1.Event");
    assertThat(decoded.header()).isEqualTo(Envelope.of(HEADER));
    assertThat(decoded.schema().hash()).isEqualTo(Schema.hash());
    assertThat(Event.parseFrom(decoded.message().toByteArray())).isEqualTo(event);
    assertThat(Fields.string(decoded.message(), "name")).isEqualTo("JOURNAL_DROPPED_OLDEST");
  }

  @Test
  void aSchemaThatIsNotADescriptorSetOrLacksAnImportIsRefused() {
    FileDescriptorSet withoutCommon = FileDescriptorSet.newBuilder()
        .addAllFile(Schema.descriptorSet().getFileList().stream()
            .filter(file -> !file.getName().endsWith("common.proto")).toList())
        .build();

    assertThatThrownBy(() -> WireSchema.fromDescriptorSet(new byte[] {(byte) 0xff, 0x01}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a FileDescriptorSet");
    assertThatThrownBy(() -> WireSchema.fromDescriptorSet(withoutCommon.toByteArray()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lacks lunarbase/v1/common.proto");
  }

  @Test
  void bytesThatProtobufWouldAcceptAsUnknownFieldsAreRefused() {
    byte[] wrongWireType = {0x08, 0x01}; // field 1 (the header) sent as a varint
    byte[] unknownField = {(byte) 0xf8, 0x06, 0x01}; // field 111, varint 1

    assertThat(decoder.decode(TLM, wrongWireType))
        .isEqualTo(new Undecodable("unknown fields in TelemetryFrame (not a TelemetryFrame of built-in schema v1)"));
    assertThat(decoder.decode(STATE, unknownField)).isInstanceOf(Undecodable.class);
  }

  @Test
  void unknownFieldsInsideANestedMessageAreFound() {
    UnknownFieldSet extra = UnknownFieldSet.newBuilder()
        .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build();
    byte[] frame = TelemetryFrame.newBuilder().setHeader(HEADER.toBuilder().setUnknownFields(extra)).build()
        .toByteArray();

    assertThat(decoder.decode(TLM, frame))
        .isEqualTo(new Undecodable("unknown fields in TelemetryFrame.header (not a TelemetryFrame of built-in schema v1)"));
  }

  @Test
  void aMessageWithoutAHeaderIsRefused() {
    byte[] headerless = TelemetryFrame.newBuilder().setBank(BankTelemetry.newBuilder().setBankId("bank-1"))
        .build().toByteArray();

    assertThat(decoder.decode(TLM, headerless)).isEqualTo(new Undecodable("no header (not a TelemetryFrame)"));
    assertThat(decoder.decode(TLM, new byte[0])).isEqualTo(new Undecodable("no header (not a TelemetryFrame)"));
  }

  @Test
  void bytesThatDoNotParseAndTopicsWithoutADecoderAreRefused() {
    assertThat(decoder.decode(TLM, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
        .isInstanceOf(Undecodable.class)
        .extracting(result -> ((Undecodable) result).reason()).asString().startsWith("not a protobuf message: ");
    assertThat(decoder.decode("lunarbase/v1/lunar-south/bank-ctl-1/cmd", new byte[0]))
        .isEqualTo(new Undecodable("no decoder for cmd messages"));
    assertThat(decoder.decode("somewhere/else", new byte[0]))
        .isEqualTo(new Undecodable("not a lunarbase/v1/ topic"));
  }
}
