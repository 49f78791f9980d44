package space.lunarbase.fsw.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import space.lunarbase.proto.v1.BankTelemetry;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.ControllerState;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.proto.v1.Header;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.wire.AckSignature;

class HistoricalMarkTest {

  static final Header HEADER = Header.newBuilder().setSiteId("s").setControllerId("c").setBootCount(7)
      .setSequence(12345).setSampleTimeNs(1_796_000_000_123_456_789L).setSchemaVersion(1).build();

  @Test
  void markingSetsHistoricalAndKeepsEveryOtherField() throws Exception {
    TelemetryFrame frame = TelemetryFrame.newBuilder().setHeader(HEADER)
        .setBank(BankTelemetry.newBuilder().setBankId("bank-1").setPackVoltageV(31.5)).build();

    TelemetryFrame marked = TelemetryFrame.parseFrom(HistoricalMark.mark(frame.toByteArray()));

    assertThat(marked.getHeader().getHistorical()).isTrue();
    assertThat(marked.toBuilder().setHeader(marked.getHeader().toBuilder().setHistorical(false)).build())
        .isEqualTo(frame);
    assertThat(marked.getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void itWorksForEveryMessageWhoseHeaderIsFieldOne() throws Exception {
    Event event = Event.newBuilder().setHeader(HEADER).setName("X").putArgs("a", "b").build();
    ControllerState state = ControllerState.newBuilder().setHeader(HEADER).setBootCount(7).build();
    assertThat(Event.parseFrom(HistoricalMark.mark(event.toByteArray())).getHeader().getHistorical()).isTrue();
    assertThat(ControllerState.parseFrom(HistoricalMark.mark(state.toByteArray())).getHeader().getHistorical())
        .isTrue();
    assertThat(TelemetryFrame.getDescriptor().findFieldByNumber(1).getName()).isEqualTo("header");
    assertThat(Event.getDescriptor().findFieldByNumber(1).getName()).isEqualTo("header");
    assertThat(ControllerState.getDescriptor().findFieldByNumber(1).getName()).isEqualTo("header");
    assertThat(Header.getDescriptor().findFieldByName("historical").getNumber()).isEqualTo(7);
  }

  @Test
  void aSignedAckReplayedFromTheJournalStillVerifies() throws Exception {
    byte[] secret = new byte[32];
    CommandAck ack = AckSignature.sign(CommandAck.newBuilder().setHeader(HEADER).setRequestId(7).setKeyId("ops")
        .setCounter(3).setCommand("core.NOOP").setStatus(CommandAck.Status.STATUS_COMPLETED).build(), secret, "s", "c");

    CommandAck replayed = CommandAck.parseFrom(HistoricalMark.mark(ack.toByteArray()));

    assertThat(replayed.getHeader().getHistorical()).isTrue();
    assertThat(replayed.getMac()).isEqualTo(ack.getMac());
    assertThat(AckSignature.verifies(replayed, secret, "s", "c")).isTrue();
  }

  @Test
  void theOriginalBytesAreNotTouched() {
    byte[] original = TelemetryFrame.newBuilder().setHeader(HEADER).build().toByteArray();
    byte[] copy = original.clone();
    HistoricalMark.mark(original);
    assertThat(original).isEqualTo(copy);
  }
}
