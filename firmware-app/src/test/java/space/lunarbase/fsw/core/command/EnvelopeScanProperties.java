package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import space.lunarbase.proto.v1.SignedCommand;

/**
 * The scan that judges a flood without parsing agrees with protobuf: it refuses exactly the bytes
 * {@code SignedCommand.parseFrom} refuses or parses with unknown fields, and finds the key id, body
 * and MAC protobuf would read.
 */
class EnvelopeScanProperties {

  static final byte[] VALID = SignedCommand.newBuilder().setBody(ByteString.copyFrom(new byte[40]))
      .setKeyId("test-operator").setMac(ByteString.copyFrom(new byte[32])).build().toByteArray();

  @Property(tries = 20_000)
  void theScanRefusesExactlyWhatParsingRefuses(@ForAll("messages") byte[] bytes) {
    EnvelopeScan scan = new EnvelopeScan();
    SignedCommand parsed = parse(bytes);
    assertThat(scan.scan(bytes)).as("%s: %s", HexFormat.of().formatHex(bytes), scan.describe())
        .isEqualTo(parsed != null);
    if (parsed != null) {
      assertThat(new String(bytes, scan.keyOffset(), scan.keyLength(), StandardCharsets.UTF_8))
          .isEqualTo(parsed.getKeyId());
      assertThat(Arrays.copyOfRange(bytes, scan.bodyOffset(), scan.bodyOffset() + scan.bodyLength()))
          .isEqualTo(parsed.getBody().toByteArray());
      assertThat(Arrays.copyOfRange(bytes, scan.macOffset(), scan.macOffset() + scan.macLength()))
          .isEqualTo(parsed.getMac().toByteArray());
    }
  }

  @Provide
  Arbitrary<byte[]> messages() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(80);
    Arbitrary<byte[]> flipped = Combinators.combine(Arbitraries.integers().between(0, VALID.length - 1),
        Arbitraries.integers().between(1, 255)).as((at, mask) -> {
          byte[] copy = VALID.clone();
          copy[at] ^= mask.byteValue();
          return copy;
        });
    Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, VALID.length).map(n -> Arrays.copyOf(VALID, n));
    Arbitrary<byte[]> keyed = Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(key -> field(0x12, key));
    Arbitrary<byte[]> tagged = Combinators.combine(Arbitraries.integers().between(0, 40),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(6)).as((tag, tail) -> concat(new byte[] {tag.byteValue()}, tail));
    return Arbitraries.oneOf(random, flipped, truncated, keyed, tagged);
  }

  @Example
  void edgeCasesProtobufAccepts() {
    assertAgrees(new byte[0]);
    assertAgrees(new byte[] {(byte) 0x92, 0x00, 0x01, 'k'}); // key_id's tag as a two-byte varint
    assertAgrees(concat(field(0x12, "a".getBytes(StandardCharsets.UTF_8)), field(0x12, "b".getBytes(StandardCharsets.UTF_8))));
    assertAgrees(field(0x12, "\uD83C\uDF19".getBytes(StandardCharsets.UTF_8))); // a 4-byte code point
    assertAgrees(new byte[] {0x12, (byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}); // length 1, 5 bytes
  }

  @Example
  void edgeCasesProtobufRefuses() {
    assertAgrees(field(0x12, new byte[] {(byte) 0xc0, (byte) 0x80})); // overlong NUL
    assertAgrees(field(0x12, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})); // a surrogate
    assertAgrees(field(0x12, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80})); // above U+10FFFF
    assertAgrees(new byte[] {0x02, 0x00}); // field 0
    assertAgrees(new byte[] {0x08, 0x01}); // body as a varint
    assertAgrees(new byte[] {0x22, 0x00}); // field 4
    assertAgrees(new byte[] {0x0a, 0x05, 0x01}); // too short
    assertAgrees(new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}); // negative length
    assertAgrees(new byte[] {(byte) 0x8a, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}); // an 11-byte varint
    assertAgrees(new byte[] {0x0c}); // an end-group tag
  }

  private static void assertAgrees(byte[] bytes) {
    EnvelopeScan scan = new EnvelopeScan();
    assertThat(scan.scan(bytes)).as("%s: %s", HexFormat.of().formatHex(bytes), scan.describe())
        .isEqualTo(parse(bytes) != null);
  }

  /** What the verifier made of the bytes before the scan: a SignedCommand, or null (MALFORMED). */
  private static SignedCommand parse(byte[] bytes) {
    try {
      SignedCommand signed = SignedCommand.parseFrom(bytes);
      return signed.getUnknownFields().asMap().isEmpty() ? signed : null;
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  private static byte[] field(int tag, byte[] value) {
    return concat(new byte[] {(byte) tag, (byte) value.length}, value);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
