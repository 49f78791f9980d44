package space.lunarbase.hal.device.railfe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Frames, CRC and records against the vectors of hal/docs/rail-frontend-spec.md. */
class RailFrontEndProtocolTest {

  static byte[] hex(String s) {
    return HexFormat.ofDelimiter(" ").parseHex(s);
  }

  static int crc(String hexBytes) {
    byte[] b = hex(hexBytes);
    return RailFrontEndProtocol.crc8(b, 0, b.length);
  }

  @Test
  void crc8IsAutosarWithItsCheckValue() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(RailFrontEndProtocol.crc8(check, 0, check.length)).isEqualTo(0xDF);
    assertThat(crc("FF FF FF FF FF FF FF")).isEqualTo(0x53);
    assertThat(crc("00 00 00")).isEqualTo(0x96);
  }

  @Test
  void readIdRequestIsTheSpecVector() {
    assertThat(RailFrontEndProtocol.readRequest(RailFrontEndProtocol.REG_ID, 4))
        .containsExactly(hex("80 04 FC 00 00 00 00 00 00 00 00"));
  }

  @Test
  void readIdResponseIsTheSpecVector() {
    byte[] tx = RailFrontEndProtocol.readRequest(RailFrontEndProtocol.REG_ID, 4);
    byte[] rx = hex("00 00 00 00 80 00 4C 42 52 46 06");

    assertThat(RailFrontEndProtocol.checkResponse(tx, rx)).containsExactly(RailFrontEndProtocol.ID);
  }

  @Test
  void writeControlIsTheSpecVector() {
    byte[] tx = RailFrontEndProtocol.writeRequest(RailFrontEndProtocol.REG_CONTROL, hex("01 5A"));

    assertThat(tx).containsExactly(hex("05 02 01 5A 99 00 00 00 00"));
    assertThat(RailFrontEndProtocol.responseOffset(tx)).isEqualTo(6);
    assertThat(RailFrontEndProtocol.checkResponse(tx, hex("00 00 00 00 00 00 05 00 7B"))).isEmpty();
  }

  @Test
  void badCrcEchoAndRefusalAreTold() {
    byte[] tx = RailFrontEndProtocol.readRequest(RailFrontEndProtocol.REG_ID, 4);
    assertThatThrownBy(() -> RailFrontEndProtocol.checkResponse(tx, hex("00 00 00 00 80 00 4C 42 52 47 06")))
        .isInstanceOf(FrameException.class).hasMessageContaining("CRC")
        .satisfies(e -> assertThat(((FrameException) e).kind()).isEqualTo(FrameException.Kind.CRC));
    // all 0xFF (no device) fails the CRC first
    assertThatThrownBy(() -> RailFrontEndProtocol.checkResponse(tx, hex("FF FF FF FF FF FF FF FF FF FF FF")))
        .isInstanceOf(FrameException.class).hasMessageContaining("CRC");
    byte[] wrongEcho = hex("00 00 00 00 81 00 4C 42 52 46 00");
    wrongEcho[10] = (byte) RailFrontEndProtocol.crc8(wrongEcho, 4, 6);
    assertThatThrownBy(() -> RailFrontEndProtocol.checkResponse(tx, wrongEcho))
        .isInstanceOf(FrameException.class).hasMessageContaining("echoes command 0x81, sent 0x80");
    byte[] locked = hex("00 00 00 00 80 06 00 00 00 00 00");
    locked[10] = (byte) RailFrontEndProtocol.crc8(locked, 4, 6);
    assertThatThrownBy(() -> RailFrontEndProtocol.checkResponse(tx, locked))
        .isInstanceOf(FrameException.class).hasMessageContaining("LOCKED (0x06)");
  }

  @Test
  void requestsOutsideTheFormatAreRejected() {
    assertThatThrownBy(() -> RailFrontEndProtocol.readRequest(0x7F, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RailFrontEndProtocol.readRequest(0x00, 241)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RailFrontEndProtocol.writeRequest(0x05, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordsDecodeLittleEndian() {
    byte[] gate = hex("01 03 01 00 88 77 66 55 44 33 22 11 00 00 00 00");
    byte[] current = hex("03 02 0A 00 10 00 00 00 00 00 00 00 18 FC 00 00"); // -1000 A; flags 0x0A = bits 1 and 3
    byte[] empty = new byte[16];

    assertThat(RailEvent.decode(gate, 0))
        .isEqualTo(new GateEvent(3, 0x1122334455667788L, Set.of(EventFlag.NOISE)));
    assertThat(RailEvent.decode(current, 0)).isEqualTo(
        new CoilCurrentSample(2, 16, -1000, Set.of(EventFlag.OVERFLOW_BEFORE, EventFlag.SATURATED)));
    assertThat(RailEvent.decode(empty, 0)).isNull();
    assertThat(RailEvent.decode(hex("02 05 04 00 01 00 00 00 00 00 00 00 00 00 00 00"), 0))
        .isEqualTo(new CoilTriggerEvent(5, 1, Set.of(EventFlag.NO_CURRENT)));
  }

  @Test
  void firingEntryAndTableEncoding() {
    FiringEntry e = FiringEntry.afterGate(3, 2, 0x01020304L);
    assertThat(e.encode()).containsExactly(hex("03 01 02 00 04 03 02 01"));
    assertThat(FiringEntry.decode(e.encode(), 0)).isEqualTo(e);
    FiringTable table = new FiringTable(List.of(FiringEntry.afterFire(0, 0)));
    // CRC-32 of 00 00 00 00 00 00 00 00 (IEEE)
    assertThat(table.crc32()).isEqualTo(0x6522DF69L);
    assertThatThrownBy(() -> new FiringTable(List.of(FiringEntry.afterFire(1, 0), FiringEntry.afterFire(1, 5))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coil 1 appears twice");
    assertThatThrownBy(() -> FiringEntry.afterFire(16, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FiringEntry.afterFire(0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
  }
}
