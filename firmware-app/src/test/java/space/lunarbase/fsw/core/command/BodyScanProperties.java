package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.mode.RangeSafety;
import space.lunarbase.fsw.core.mode.RangeSafetyHolds;
import space.lunarbase.fsw.core.time.ClockSync;
import space.lunarbase.fsw.core.time.ClockSyncMonitor;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.Value;

/**
 * The raw reading of a body agrees with protobuf: it refuses only what parsing refuses (or parses
 * with unknown fields), reads the same counter, expiry, target, command and request id, and
 * recognises a safing command ({@link SafingRules}) exactly when the parsed body is one
 * ({@link CommandChecks#safing}), through repeated fields, repeated map keys, merged values and
 * unknown fields inside map entries.
 */
class BodyScanProperties {

  static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
  static final EventLog EVENTS = events();
  static final RangeSafetyHolds HOLDS = new RangeSafetyHolds(Path.of("target/body-scan-properties"), EVENTS, () -> NOW);
  static final Modes MODES = new Modes(EVENTS, List.of(HOLDS));
  static final CommandRegistry REGISTRY = new CommandRegistry(List.of(new CoreCommands(MODES,
      new RangeSafety(MODES, HOLDS)), () -> List.of(
      new CommandSpec("test.STOP", "stops", Set.of(Role.OPERATOR), List.of(), CommandSpec.ANY_MODE, (a, w) -> "")
          .withSafing(Safing.ALWAYS))));
  static final SafingRules RULES = new SafingRules(REGISTRY);
  static final CommandChecks CHECKS = new CommandChecks(REGISTRY, MODES,
      new ClockSyncMonitor(ClockSync.SIMULATED, EVENTS, () -> NOW));

  @Property(tries = 20_000)
  void theRawReadingAgreesWithTheParser(@ForAll("bodies") byte[] bytes) {
    BodyScan scan = new BodyScan();
    boolean scanned = scan.scan(bytes, 0, bytes.length);
    CommandBody parsed = parse(bytes);
    String hex = HexFormat.of().formatHex(bytes);
    if (parsed != null && parsed.getUnknownFields().asMap().isEmpty()) {
      assertThat(scanned).as("protobuf reads it: %s", hex).isTrue();
    }
    if (!scanned) {
      assertThat(parsed == null || !parsed.getUnknownFields().asMap().isEmpty()).as("only what protobuf refuses: %s", hex)
          .isTrue();
    }
    if (scanned && parsed != null && noUnknownFields(parsed)) {
      assertThat(scan.counter()).isEqualTo(parsed.getCounter());
      assertThat(scan.expiresNs()).isEqualTo(parsed.getExpiresNs());
      assertThat(scan.requestId()).isEqualTo(parsed.getRequestId());
      assertThat(scan.commandIs(utf8(parsed.getCommand()))).isTrue();
      assertThat(scan.siteIs(utf8(parsed.getSiteId()))).isTrue();
      assertThat(scan.controllerIs(utf8(parsed.getControllerId()))).isTrue();
      assertThat(scan.echo().getCommand()).isEqualTo(parsed.getCommand());
      assertThat(RULES.claims(scan)).as("safing: %s %s", parsed.getCommand(), parsed.getArgsMap())
          .isEqualTo(CHECKS.safing(parsed.getCommand(), parsed.getArgsMap()));
    }
  }

  @Example
  void theLastEntryOfAKeyAndTheLastKindOfAValueCount() {
    byte[] safe = CommandBody.newBuilder().setCommand("core.SET_MODE").putArgs("mode", text("SAFE")).build().toByteArray();
    byte[] nominal = CommandBody.newBuilder().putArgs("mode", text("NOMINAL")).build().toByteArray();
    assertClaims(safe, true);
    assertClaims(concat(safe, nominal), false); // the later entry replaces the earlier
    assertClaims(concat(nominal, safe), true);
    byte[] merged = concat(new byte[] {0x2a, 13}, utf8("core.SET_MODE"),
        entry(concat(new byte[] {0x0a, 4}, utf8("mode"), value(text("SAFE")), value(number(1)))));
    assertClaims(merged, false); // a value given twice is merged: its last kind is a number
    byte[] extra = concat(new byte[] {0x2a, 13}, utf8("core.SET_MODE"),
        entry(concat(new byte[] {0x18, 0x07, 0x0a, 4}, utf8("mode"), value(text("SAFE")))));
    assertClaims(extra, true); // an unknown field inside a map entry is skipped
    assertClaims(CommandBody.newBuilder().setCommand("test.STOP").build().toByteArray(), true);
    assertClaims(CommandBody.newBuilder().setCommand("core.NOOP").putArgs("mode", text("SAFE")).build().toByteArray(),
        false);
  }

  private static void assertClaims(byte[] bytes, boolean safing) {
    BodyScan scan = new BodyScan();
    assertThat(scan.scan(bytes, 0, bytes.length)).isTrue();
    assertThat(RULES.claims(scan)).isEqualTo(safing);
    CommandBody parsed = parse(bytes);
    assertThat(CHECKS.safing(parsed.getCommand(), parsed.getArgsMap())).isEqualTo(safing);
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<String> commands = Arbitraries.of("core.SET_MODE", "core.NOOP", "test.STOP", "core.SET_MOD", "");
    Arbitrary<String> keys = Arbitraries.of("mode", "subsystem", "mod", "x");
    Arbitrary<Value> values = Arbitraries.oneOf(Arbitraries.of("SAFE", "NOMINAL", "SAF", "SAFE\u0000", "").map(
        BodyScanProperties::text), Arbitraries.doubles().map(BodyScanProperties::number),
        Arbitraries.longs().map(v -> Value.newBuilder().setInteger(v).build()),
        Arbitraries.of(Value.getDefaultInstance(), Value.newBuilder().setFlag(true).build(),
            Value.newBuilder().setData(ByteString.copyFromUtf8("SAFE")).build()));
    Arbitrary<byte[]> valid = Combinators.combine(commands, Arbitraries.longs(), Arbitraries.longs(),
        Arbitraries.maps(keys, values).ofMaxSize(3), Arbitraries.of("test-site", "", "x")).as(
        (command, counter, request, args, site) -> CommandBody.newBuilder().setCommand(command).setCounter(counter)
            .setRequestId(request).setExpiresNs(counter ^ request).setSiteId(site).setControllerId("ctl-1")
            .putAllArgs(args).build().toByteArray());
    Arbitrary<byte[]> mergedTwo = Combinators.combine(valid, valid).as(BodyScanProperties::concat);
    Arbitrary<byte[]> rawEntry = Combinators.combine(keys, values, values, Arbitraries.integers().between(0, 3))
        .as((key, first, second, shape) -> {
          byte[] keyField = concat(new byte[] {0x0a, (byte) key.length()}, utf8(key));
          byte[] content = switch (shape) {
            case 0 -> concat(keyField, value(first), value(second));
            case 1 -> concat(value(first), keyField);
            case 2 -> concat(new byte[] {0x1d, 1, 2, 3, 4}, keyField, value(first)); // fixed32 unknown field
            default -> concat(keyField, new byte[] {0x1b, 0x08, 0x01, 0x1c}, value(first)); // a group
          };
          return concat(new byte[] {0x2a, 13}, utf8("core.SET_MODE"), entry(content));
        });
    Arbitrary<byte[]> withEntry = Combinators.combine(valid, rawEntry).as(BodyScanProperties::concat);
    Arbitrary<byte[]> flipped = Combinators.combine(valid, Arbitraries.integers().between(0, 1000),
        Arbitraries.integers().between(1, 255)).as((bytes, at, mask) -> {
          byte[] copy = bytes.clone();
          if (copy.length > 0) {
            copy[at % copy.length] ^= mask.byteValue();
          }
          return copy;
        });
    Arbitrary<byte[]> truncated = Combinators.combine(Arbitraries.oneOf(valid, withEntry),
        Arbitraries.integers().between(0, 1000)).as((bytes, n) -> Arrays.copyOf(bytes, bytes.length == 0 ? 0
        : n % bytes.length));
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(60);
    return Arbitraries.oneOf(valid, mergedTwo, withEntry, flipped, truncated, random);
  }

  private static CommandBody parse(byte[] bytes) {
    try {
      return CommandBody.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  private static boolean noUnknownFields(CommandBody body) {
    return body.getUnknownFields().asMap().isEmpty()
        && body.getArgsMap().values().stream().allMatch(v -> v.getUnknownFields().asMap().isEmpty());
  }

  private static Value text(String text) {
    return Value.newBuilder().setText(text).build();
  }

  private static Value number(double number) {
    return Value.newBuilder().setNumber(number).build();
  }

  private static byte[] value(Value value) {
    byte[] bytes = value.toByteArray();
    return concat(new byte[] {0x12, (byte) bytes.length}, bytes);
  }

  private static byte[] entry(byte[] content) {
    return concat(new byte[] {0x32, (byte) content.length}, content);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    byte[] all = new byte[0];
    for (byte[] part : parts) {
      byte[] longer = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, longer, all.length, part.length);
      all = longer;
    }
    return all;
  }

  private static EventLog events() {
    space.lunarbase.fsw.config.ControllerSettings controller = new space.lunarbase.fsw.config.ControllerSettings(
        "test-site", "ctl-1", "unused");
    return new EventLog(new space.lunarbase.fsw.core.telemetry.HeaderStamper(controller,
        new space.lunarbase.fsw.core.boot.BootInfo(1, NOW, "test")), new space.lunarbase.fsw.core.telemetry.Outbox(
        new space.lunarbase.fsw.config.LinkSettings("", java.time.Duration.ofSeconds(10), 100, 100,
            java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1))), () -> NOW);
  }
}
