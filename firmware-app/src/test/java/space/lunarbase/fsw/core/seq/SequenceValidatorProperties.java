package space.lunarbase.fsw.core.seq;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import space.lunarbase.fsw.config.ControllerSettings;
import space.lunarbase.fsw.config.LinkSettings;
import space.lunarbase.fsw.config.SequenceSettings;
import space.lunarbase.fsw.core.boot.BootInfo;
import space.lunarbase.fsw.core.command.ArgSpec;
import space.lunarbase.fsw.core.command.CommandChecks;
import space.lunarbase.fsw.core.command.CommandRegistry;
import space.lunarbase.fsw.core.command.CommandSet;
import space.lunarbase.fsw.core.command.CommandSpec;
import space.lunarbase.fsw.core.command.ContentCheck;
import space.lunarbase.fsw.core.command.CoreCommands;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.fsw.core.mode.RangeSafety;
import space.lunarbase.fsw.core.mode.RangeSafetyHolds;
import space.lunarbase.fsw.core.rate.ManualTick;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.fsw.core.telemetry.Outbox;
import space.lunarbase.fsw.core.time.ClockSync;
import space.lunarbase.fsw.core.time.ClockSyncMonitor;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SequenceEntry;

/**
 * The sequence validator and the timeline, for any sequence: a sequence of valid entries is valid
 * and its plan keeps them; one bad entry anywhere makes it invalid with that entry's reason and
 * number; due times follow the rules (absolute at their time, relative after the previous entry's
 * scheduled time), and a run is refused exactly when an absolute entry comes before the entry before it.
 */
class SequenceValidatorProperties {

  static final Instant NOW = Instant.parse("2027-03-01T12:00:00Z");
  static final ContentCheck.Sender OPERATOR = new ContentCheck.Sender("ops", Role.OPERATOR);

  final SequenceValidator validator;
  final CommandChecks checks;

  SequenceValidatorProperties() {
    SequenceSettings settings = new SequenceSettings(4, 50, SequenceSettings.MAX_BYTES_LIMIT, Duration.ofMillis(100),
        Duration.ofSeconds(1), Duration.ofSeconds(1));
    validator = new SequenceValidator(settings, new SequenceTime(new ManualTick(NOW)));
    ControllerSettings controller = new ControllerSettings("site", "ctl", "unused");
    InstantSource clock = () -> NOW;
    EventLog events = new EventLog(new HeaderStamper(controller, new BootInfo(1, NOW, "test")),
        new Outbox(new LinkSettings("", Duration.ofSeconds(10), 100, 1000, Duration.ofSeconds(1), Duration.ofSeconds(1))),
        clock);
    RangeSafetyHolds holds = new RangeSafetyHolds(Path.of("target/sequence-validator-properties"), events, clock);
    Modes modes = new Modes(events, List.of(holds));
    CommandSet test = () -> List.of(
        new CommandSpec("test.SET_LEVEL", "a level", Set.of(Role.OPERATOR), List.of(ArgSpec.number("level", "", 0, 10)),
            CommandSpec.ANY_MODE, (args, who) -> "ok"),
        new CommandSpec("test.ARM", "range safety only", Set.of(Role.RANGE_SAFETY), List.of(), CommandSpec.ANY_MODE,
            (args, who) -> "ok"));
    checks = new CommandChecks(new CommandRegistry(List.of(new CoreCommands(modes, new RangeSafety(modes, holds)),
        test)), modes, new ClockSyncMonitor(ClockSync.SIMULATED, events, clock));
  }

  /** One generated entry: its time (absolute or relative, ns) and command. */
  record Gen(boolean absolute, long nanos, String command, double level) {

    SequenceEntry entry() {
      SequenceEntry.Builder entry = SequenceEntry.newBuilder().setCommand(command);
      if (absolute) {
        entry.setAbsoluteNs(nanos);
      } else {
        entry.setRelativeNs(nanos);
      }
      if (command.equals("test.SET_LEVEL")) {
        entry.putArgs("level", space.lunarbase.proto.v1.Value.newBuilder().setNumber(level).build());
      }
      return entry.build();
    }
  }

  @Property(tries = 300)
  void validEntriesMakeAValidSequenceWhoseTimelineFollowsTheRules(@ForAll("valid") List<Gen> entries) {
    SequenceValidator.Validation verdict = validator.validate(bytes(entries), OPERATOR, checks, true);

    assertThat(verdict).isInstanceOf(SequenceValidator.Validation.Valid.class);
    SequencePlan plan = ((SequenceValidator.Validation.Valid) verdict).plan();
    assertThat(plan.entries()).extracting(SequencePlan.Entry::command)
        .containsExactlyElementsOf(entries.stream().map(Gen::command).toList());
    // the model: absolute entries at their time, relative ones after the previous entry's due time
    List<Instant> due = Timeline.dueTimes(plan, NOW);
    Instant previous = NOW;
    boolean inOrder = true;
    for (int i = 0; i < entries.size(); i++) {
      Gen gen = entries.get(i);
      Instant expected = gen.absolute() ? SequencePlan.instant(gen.nanos()) : previous.plusNanos(gen.nanos());
      assertThat(due.get(i)).isEqualTo(expected);
      inOrder &= !expected.isBefore(previous);
      previous = expected;
    }
    Optional<String> refusal = Timeline.checkRun(plan, NOW);
    assertThat(refusal.isEmpty()).as(refusal.orElse("")).isEqualTo(inOrder);
    refusal.ifPresent(why -> assertThat(why).contains("before entry"));
    Statistics.collect(inOrder ? "runnable" : "absolute before its predecessor");
    Statistics.coverage(coverage -> {
      coverage.check("runnable").count(n -> n > 0);
      coverage.check("absolute before its predecessor").count(n -> n > 0);
    });
  }

  @Property(tries = 300)
  void oneBadEntryAnywhereIsRefusedWithItsReasonAndNumber(@ForAll("valid") List<Gen> entries,
      @ForAll @IntRange(min = 0, max = 6) int kind, @ForAll @IntRange(min = 0, max = 49) int where) {
    int index = where % entries.size();
    List<SequenceEntry> built = new ArrayList<>(entries.stream().map(Gen::entry).toList());
    SequenceEntry.Builder bad = SequenceEntry.newBuilder().setRelativeNs(1_000_000_000L);
    Reason expected;
    switch (kind) {
      case 0 -> {
        bad.setCommand("test.SELF_DESTRUCT");
        expected = Reason.REASON_UNKNOWN_COMMAND;
      }
      case 1 -> {
        bad.setCommand("test.SET_LEVEL").putArgs("level", number(10.5 + index));
        expected = Reason.REASON_OUT_OF_RANGE;
      }
      case 2 -> {
        bad.setCommand("test.SET_LEVEL")
            .putArgs("level", space.lunarbase.proto.v1.Value.newBuilder().setInteger(3).build());
        expected = Reason.REASON_BAD_ARGUMENT;
      }
      case 3 -> {
        bad.setCommand("test.ARM");
        expected = Reason.REASON_WRONG_ROLE;
      }
      case 4 -> {
        bad.clearTime().setCommand("core.NOOP");
        expected = Reason.REASON_BAD_ARGUMENT;
      }
      case 5 -> {
        bad.setAbsoluteNs(HeaderStamper.nanos(NOW.minusMillis(1 + index))).setCommand("core.NOOP");
        expected = Reason.REASON_OUT_OF_RANGE;
      }
      default -> {
        bad.setCommand("seq.RUN").putArgs("slot", space.lunarbase.proto.v1.Value.newBuilder().setInteger(1).build());
        expected = Reason.REASON_BAD_ARGUMENT;
      }
    }
    built.set(index, bad.build());
    ByteString bytes = Sequence.newBuilder().setName("props").addAllEntries(built).build().toByteString();

    SequenceValidator.Validation verdict = validator.validate(bytes, OPERATOR, checks, true);

    assertThat(verdict).isInstanceOf(SequenceValidator.Validation.Invalid.class);
    var rejection = ((SequenceValidator.Validation.Invalid) verdict).rejection();
    assertThat(rejection.reason()).as(rejection.text()).isEqualTo(expected);
    assertThat(rejection.text()).startsWith("entry " + (index + 1) + " (");
  }

  @Provide
  Arbitrary<List<Gen>> valid() {
    Arbitrary<Gen> relative = Arbitraries.longs().between(0, Duration.ofHours(2).toNanos())
        .flatMap(nanos -> Arbitraries.oneOf(
            Arbitraries.just(new Gen(false, nanos, "core.NOOP", 0)),
            Arbitraries.doubles().between(0, 10).map(level -> new Gen(false, nanos, "test.SET_LEVEL", level))));
    Arbitrary<Long> offsets = Arbitraries.longs().between(1, Duration.ofDays(2).toNanos());
    return Arbitraries.oneOf(relative, offsets.map(o -> new Gen(true, o, "core.NOOP", 0)))
        .list().ofMinSize(1).ofMaxSize(30).map(SequenceValidatorProperties::absoluteInOrder);
  }

  /** Absolute entries at NOW + their offsets, sorted among themselves (the validator refuses them out of order). */
  private static List<Gen> absoluteInOrder(List<Gen> gens) {
    List<Long> offsets = gens.stream().filter(Gen::absolute).map(Gen::nanos).sorted().toList();
    List<Gen> out = new ArrayList<>(gens.size());
    int next = 0;
    for (Gen gen : gens) {
      out.add(gen.absolute() ? new Gen(true, HeaderStamper.nanos(NOW) + offsets.get(next++), gen.command(), 0) : gen);
    }
    return out;
  }

  private static ByteString bytes(List<Gen> entries) {
    return Sequence.newBuilder().setName("props").addAllEntries(entries.stream().map(Gen::entry).toList()).build()
        .toByteString();
  }

  private static space.lunarbase.proto.v1.Value number(double v) {
    return space.lunarbase.proto.v1.Value.newBuilder().setNumber(v).build();
  }
}
