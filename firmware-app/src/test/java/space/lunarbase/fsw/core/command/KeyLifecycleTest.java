package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.StartFailure;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.telemetry.Outbound;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Event;

/**
 * A key's life on a controller: its validity, revocation, rotation and reload while commands flow,
 * the key file's mode, and the published development secrets refused on real hardware.
 */
class KeyLifecycleTest {

  private static final CommandKey OPS_A = key("ops-a", Role.OPERATOR, 0x11);
  private static final CommandKey OPS_B = key("ops-b", Role.OPERATOR, 0x22);
  private static final CommandKey RS_1 = key("rs-1", Role.RANGE_SAFETY, 0x33);

  @TempDir
  Path dir;

  @Test
  void aKeyOutsideItsValidityIsRejectedNamingTheKeyAndItsBound() throws Exception {
    Path file = write(dir.resolve("keys.yml"), """
        keys:
          - { id: ops-a, role: operator, secret: %s, not-before: 2027-01-01T00:00:00Z, not-after: 2027-02-01T00:00:00Z }
        """.formatted(hex(OPS_A)));
    try (CommandStack stack = stack(file)) {
      stack.now.set(Instant.parse("2026-12-31T23:59:59Z"));
      List<CommandAck> early = stack.process(command(stack, OPS_A, 1).signed());
      assertThat(CommandPath.assertRejected(early, Reason.REASON_KEY_NOT_YET_VALID))
          .contains("ops-a").contains("not valid before 2027-01-01T00:00:00Z");

      stack.now.set(Instant.parse("2027-02-01T00:00:01Z"));
      List<CommandAck> late = stack.process(command(stack, OPS_A, 2).signed());
      assertThat(CommandPath.assertRejected(late, Reason.REASON_KEY_EXPIRED))
          .contains("ops-a").contains("expired 2027-02-01T00:00:00Z");

      stack.now.set(Instant.parse("2027-01-15T00:00:00Z"));
      // the refusals did not use the counter: the same counter goes through within the validity
      CommandPath.assertCompleted(stack.process(command(stack, OPS_A, 1).signed()));
    }
  }

  @Test
  void aKeyRevokedMidRunIsRefusedFromTheReloadOnWhileTheOthersKeepTheirCounters() throws Exception {
    Path file = write(dir.resolve("keys.yml"), ring(List.of(OPS_A, OPS_B), List.of()));
    try (CommandStack stack = stack(file)) {
      Keys keys = keysOf(stack);
      CommandPath.assertCompleted(stack.process(command(stack, OPS_A, 5).signed()));
      CommandPath.assertCompleted(stack.process(command(stack, OPS_B, 1).signed()));

      write(file, ring(List.of(OPS_A), List.of("ops-b")));
      assertThat(new KeyReloader(keys, stack.events).reload()).isInstanceOf(Keys.Reload.Reloaded.class);

      List<CommandAck> revoked = stack.process(command(stack, OPS_B, 2).signed());
      assertThat(CommandPath.assertRejected(revoked, Reason.REASON_KEY_REVOKED)).contains("ops-b").contains("revoked");
      assertThat(revoked.getFirst().getMac().isEmpty()).as("a revoked key's refusal is not signed").isTrue();
      // ops-a stayed: its high-water mark too
      CommandPath.assertRejected(stack.process(command(stack, OPS_A, 5).signed()), Reason.REASON_REPLAYED);
      CommandPath.assertCompleted(stack.process(command(stack, OPS_A, 6).signed()));

      // removed without a word: unknown from then on
      write(file, ring(List.of(OPS_B), List.of()));
      assertThat(keys.reload()).isInstanceOf(Keys.Reload.Reloaded.class);
      CommandPath.assertRejected(stack.process(command(stack, OPS_A, 7).signed()), Reason.REASON_UNKNOWN_KEY);
      // ops-b back (re-listed): its counter is remembered, a copy of its old command is a replay
      CommandPath.assertRejected(stack.process(command(stack, OPS_B, 1).signed()), Reason.REASON_REPLAYED);
      List<Event> events = events(stack);
      assertThat(events).filteredOn(e -> e.getName().equals("KEY_RING_RELOADED")).singleElement()
          .satisfies(e -> assertThat(e.getText()).contains("removed ops-b").contains("revoked ops-b"));
    }
  }

  @Test
  void aBadRingOnReloadIsRefusedWithAnEventNamingTheFaultAndTheOldRingStays() throws Exception {
    Path file = write(dir.resolve("keys.yml"), ring(List.of(OPS_A), List.of()));
    try (CommandStack stack = stack(file)) {
      KeyReloader reloader = new KeyReloader(keysOf(stack), stack.events);
      long counter = 1;

      write(file, "keys: [{id: ops-b, role: pilot, secret: " + hex(OPS_B) + "}]\n");
      assertThat(reloader.reload()).isInstanceOfSatisfying(Keys.Reload.Refused.class,
          r -> assertThat(r.fault()).contains(file.toString()).contains("keys[0] (ops-b): role must be"));
      CommandPath.assertCompleted(stack.process(command(stack, OPS_A, counter++).signed()));

      write(file, ring(List.of(OPS_B), List.of()));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      assertThat(reloader.reload()).isInstanceOfSatisfying(Keys.Reload.Refused.class,
          r -> assertThat(r.fault()).contains("mode 0644").contains("chmod 600 " + file));
      CommandPath.assertCompleted(stack.process(command(stack, OPS_A, counter++).signed()));
      CommandPath.assertRejected(stack.process(command(stack, OPS_B, 1).signed()), Reason.REASON_UNKNOWN_KEY);

      Files.delete(file);
      assertThat(reloader.reload()).isInstanceOfSatisfying(Keys.Reload.Refused.class,
          r -> assertThat(r.fault()).contains("cannot be read"));
      CommandPath.assertCompleted(stack.process(command(stack, OPS_A, counter).signed()));

      List<Event> refused = events(stack).stream().filter(e -> e.getName().equals("KEY_RING_NOT_RELOADED")).toList();
      assertThat(refused).hasSize(3).allSatisfy(e -> assertThat(e.getText()).contains("the one before stays"));
      assertThat(refused.get(1).getArgsMap()).containsEntry("file", file.toString());
      assertThat(refused.get(1).getArgsMap().get("detail")).contains("mode 0644");
    }
  }

  @Test
  void aRingRotatedWhileCommandsFlowLosesNoneAndAcceptsNoneTwice() throws Exception {
    Path file = write(dir.resolve("keys.yml"), ring(List.of(OPS_A, OPS_B), List.of()));
    Path other = dir.resolve("next.yml");
    CommandKey opsB2 = key("ops-b", Role.OPERATOR, 0x44);
    try (CommandStack stack = stack(file)) {
      Keys keys = keysOf(stack);
      AtomicBoolean sending = new AtomicBoolean(true);
      int reloads = 0;
      CompletableFuture<List<List<CommandAck>>> flow = CompletableFuture.supplyAsync(() -> {
        List<List<CommandAck>> all = new ArrayList<>();
        for (long counter = 1; counter <= 400; counter++) {
          all.add(stack.process(command(stack, OPS_A, counter).signed()));
        }
        sending.set(false);
        return all;
      });
      while (sending.get()) {
        // rotate: ops-b's secret changes, rs-1 comes and goes, ops-a stays throughout
        boolean odd = reloads % 2 == 1;
        write(other, ring(odd ? List.of(OPS_A, OPS_B) : List.of(RS_1, OPS_A, opsB2), List.of()));
        Files.move(other, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        assertThat(keys.reload()).isInstanceOf(Keys.Reload.Reloaded.class);
        reloads++;
      }
      List<List<CommandAck>> acks = flow.get(60, TimeUnit.SECONDS);
      assertThat(reloads).as("rotations while the commands flowed").isGreaterThan(2);
      assertThat(acks).hasSize(400).allSatisfy(CommandPath::assertCompleted);
      // none twice: every one of them sent again is a replay, whatever ring is in force
      for (long counter = 1; counter <= 400; counter += 37) {
        CommandPath.assertRejected(stack.process(command(stack, OPS_A, counter).signed()), Reason.REASON_REPLAYED);
      }
      // the ring in force is the last one written: ops-b signs with the secret of that ring
      CommandKey opsBNow = keys.current().find("ops-b").orElseThrow();
      CommandPath.assertCompleted(stack.process(command(stack, opsBNow, 1000).signed()));
    }
  }

  @Test
  void aKeyFileReadableByOthersStopsTheStartWithOneLineSayingChmod600() throws Exception {
    Path file = write(dir.resolve("keys.yml"), ring(List.of(OPS_A), List.of()));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    Throwable failure = catchThrowable(() -> Firmware.start(dir.resolve("data"),
        Map.of("lunarbase.commands.key-file", file.toString())).close());
    String line = StartFailure.describe(failure);
    assertThat(line).startsWith("lunarbase.commands.key-file: " + file).contains("mode 0644")
        .endsWith("chmod 600 " + file).doesNotContain("\n");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertThat(catchThrowable(() -> Keys.open(file, false))).hasMessageContaining("mode 0640");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(Keys.open(file, true).current().size()).isEqualTo(1);
  }

  @Test
  void theDevelopmentRingIsReadWhateverItsModeOnlyBySimulatedControllers() throws Exception {
    Path copy = dir.resolve("dev-keys.yml");
    Files.copy(Path.of("../deploy/keys/dev-keys.yml"), copy);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Keys.open(copy, false).current().size()).isEqualTo(2);
    assertThat(catchThrowable(() -> Keys.open(copy, true))).hasMessageContaining("hal.mode=real");
    // the same secrets under other ids, in a ring that does not say development: still only for a
    // simulated controller, and the mode is not checked for the known development secrets alone
    Files.writeString(copy, Files.readString(copy).replace("development: true", "development: false")
        .replace("dev-operator", "ops-1"));
    assertThat(Keys.open(copy, false).current().find("ops-1")).isPresent();
    assertThat(catchThrowable(() -> Keys.open(copy, true))).hasMessageContaining("key ops-1 has a published");
  }

  @Test
  void aPublishedDevelopmentSecretIsRefusedOnRealHardwareUnderAnyIdWhateverTheFileSays() throws Exception {
    KeyRing dev = KeyRing.load(Path.of("../deploy/keys/dev-keys.yml"));
    String devSecret = HexFormat.of().formatHex(dev.find("dev-range-safety").orElseThrow().secret());
    Path file = write(dir.resolve("keys.yml"), """
        development: false
        keys:
          - { id: ops-a, role: operator, secret: %s }
          - { id: rs-2027, role: range-safety, secret: %s }
        """.formatted(hex(OPS_A), devSecret));
    Throwable failure = catchThrowable(() -> Keys.open(file, true));
    assertThat(failure).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("key rs-2027 has a published development secret")
        .hasMessageContaining("hal.mode=real");
    // a test ring's secret too
    write(file, ring(List.of(TestKeys.OPERATOR), List.of()).replace("test-operator", "ops-z"));
    assertThat(catchThrowable(() -> Keys.open(file, true))).hasMessageContaining("key ops-z has a published");
    // a simulated controller takes it
    assertThat(Keys.open(file, false).current().find("ops-z")).isPresent();
  }

  @Test
  void aRevokedIdAlsoUnderKeysAndBadValidityAreRefusedNamingTheEntry() throws Exception {
    Path file = write(dir.resolve("keys.yml"), ring(List.of(OPS_A), List.of("ops-a")));
    assertThat(catchThrowable(() -> Keys.open(file, false)))
        .hasMessageContaining("revoked: ops-a is also under keys");
    write(file, "keys: [{id: ops-a, role: operator, secret: " + hex(OPS_A) + ", not-after: soon}]\n");
    assertThat(catchThrowable(() -> Keys.open(file, false)))
        .hasMessageContaining("keys[0] (ops-a): not-after 'soon' is not a UTC time");
    write(file, "keys: [{id: ops-a, role: operator, secret: " + hex(OPS_A)
        + ", not-before: 2027-02-01T00:00:00Z, not-after: 2027-01-01T00:00:00Z}]\n");
    assertThat(catchThrowable(() -> Keys.open(file, false))).hasMessageContaining("is not before not-after");
  }

  private CommandStack stack(Path file) {
    return new CommandStack(dir.resolve("data"), CommandPath.settings(file.toString(), 64, 10_000, 10_000),
        Keys.open(file, false));
  }

  private static Keys keysOf(CommandStack stack) {
    return stack.keys;
  }

  private static TestCommand command(CommandStack stack, CommandKey key, long counter) {
    return stack.command("core.NOOP", counter).key(key).requestId(counter);
  }

  private static List<Event> events(CommandStack stack) throws Exception {
    List<Event> events = new ArrayList<>();
    for (Outbound out = stack.outbox.poll(Duration.ZERO); out != null; out = stack.outbox.poll(Duration.ZERO)) {
      if (out.stream().equals(EventLog.STREAM)) {
        events.add(Event.parseFrom(out.payload()));
      }
    }
    return events;
  }

  private static CommandKey key(String id, Role role, int fill) {
    byte[] secret = new byte[32];
    for (int i = 0; i < secret.length; i++) {
      secret[i] = (byte) (fill + i);
    }
    return new CommandKey(id, role, secret);
  }

  private static String hex(CommandKey key) {
    return HexFormat.of().formatHex(key.secret());
  }

  private static String ring(List<CommandKey> keys, List<String> revoked) {
    StringBuilder yaml = new StringBuilder("keys:\n");
    keys.forEach(k -> yaml.append("  - { id: ").append(k.id()).append(", role: ").append(k.role().label())
        .append(", secret: ").append(hex(k)).append(" }\n"));
    if (!revoked.isEmpty()) {
      yaml.append("revoked: [").append(String.join(", ", revoked)).append("]\n");
    }
    return yaml.toString();
  }

  /** Writes {@code text} to {@code file}, owner-only. */
  private static Path write(Path file, String text) throws Exception {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, text);
  }
}
