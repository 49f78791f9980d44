package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.UnknownFieldSet;
import org.junit.jupiter.api.Test;
import space.lunarbase.ground.cli.Decoder.Decoded;
import space.lunarbase.ground.cli.Decoder.Undecodable;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.TelemetryFrame;

class DecoderTest {

  private static final String TLM = "lunarbase/v1/lunar-south/bank-ctl-1/tlm/bank";
  private static final String STATE = "lunarbase/v1/lunar-south/bank-ctl-1/state";
  private static final Header HEADER = Header.newBuilder().setSiteId("lunar-south").setControllerId("bank-ctl-1")
      .setBootCount(3).setSequence(42).setSchemaVersion(1).build();

  private final Decoder decoder = new Decoder();

  @Test
  void decodesByTopicSuffix() {
    TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(HEADER)
        .setBank(BankTelemetry.newBuilder().setBankId("bank-1").setPackVoltageV(12.3)).build();
    ControllerState state = ControllerState.newBuilder().setHeader(HEADER)
        .setStatus(ControllerState.Status.STATUS_ONLINE).build();

    assertThat(decoder.decode(TLM, frame.toByteArray())).isEqualTo(new Decoded(TopicName.parse(TLM), frame, HEADER));
    assertThat(decoder.decode(STATE, state.toByteArray())).isEqualTo(new Decoded(TopicName.parse(STATE), state, HEADER));
  }

  @Test
  void bytesThatProtobufWouldAcceptAsUnknownFieldsAreRefused() {
    byte[] wrongWireType = {0x08, 0x01}; // field 1 (the header) sent as a varint
    byte[] unknownField = {(byte) 0xf8, 0x06, 0x01}; // field 111, varint 1

    assertThat(decoder.decode(TLM, wrongWireType))
        .isEqualTo(new Undecodable("unknown fields in TelemetryFrame (not a TelemetryFrame of schema v1)"));
    assertThat(decoder.decode(STATE, unknownField)).isInstanceOf(Undecodable.class);
  }

  @Test
  void unknownFieldsInsideANestedMessageAreFound() {
    UnknownFieldSet extra = UnknownFieldSet.newBuilder()
        .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(7).build()).build();
    byte[] frame = TelemetryFrame.newBuilder().setHeader(HEADER.toBuilder().setUnknownFields(extra)).build()
        .toByteArray();

    assertThat(decoder.decode(TLM, frame))
        .isEqualTo(new Undecodable("unknown fields in TelemetryFrame.header (not a TelemetryFrame of schema v1)"));
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
    assertThat(decoder.decode("lunarbase/v1/lunar-south/bank-ctl-1/evt", new byte[0]))
        .isEqualTo(new Undecodable("no decoder for evt messages yet"));
    assertThat(decoder.decode("somewhere/else", new byte[0]))
        .isEqualTo(new Undecodable("not a lunarbase/v1/ topic"));
  }
}
