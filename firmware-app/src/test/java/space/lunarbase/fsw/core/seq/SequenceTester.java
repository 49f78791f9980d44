package space.lunarbase.fsw.core.seq;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.core.command.AckMacs;
import space.lunarbase.fsw.core.command.CommandKey;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.proto.v1.CommandAck;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.EntryResult;
import space.lunarbase.proto.v1.SequenceSlot;
import space.lunarbase.proto.v1.SequenceTelemetry;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MqttRecorder.Received;

/**
 * The sequencer's component tester, on top of the {@link CommandTester}: seq commands go in on
 * {@code cmd}; acks (the sequence's entries' too), events and {@code tlm/seq} frames come out;
 * time moves only by {@link #time()}.
 */
final class SequenceTester {

  static final String SEQ = Firmware.topic("tlm/seq");
  static final Duration WAIT = Duration.ofSeconds(10);

  private final CommandTester commands;
  private final SimTime time;

  /** A tester whose simulation clock is stopped and moves only by {@link #time()}. */
  SequenceTester(CommandTester commands) {
    this(commands, true);
  }

  /** {@code stepped} false: the clock keeps running at its configured rate ({@link #time()} is null). */
  SequenceTester(CommandTester commands, boolean stepped) {
    this.commands = commands;
    this.time = stepped ? new SimTime(commands.firmware()) : null;
  }

  CommandTester commands() {
    return commands;
  }

  SimTime time() {
    return time;
  }

  /**
   * Steps the clock until {@code condition} holds (read in process, e.g. from the {@link Sequencer}),
   * at most {@code max} of simulated time; returns how long it stepped.
   */
  Duration stepUntil(java.util.function.BooleanSupplier condition, Duration max) {
    Duration stepped = Duration.ZERO;
    while (!condition.getAsBoolean()) {
      if (stepped.compareTo(max) >= 0) {
        throw new AssertionError("not within " + max + " of simulated time");
      }
      int ran = time.step();
      stepped = stepped.plus(SimTime.STEP);
      if (ran > 1) {
        // a slower group ran (the sequence scheduler's): give the dispatcher its moment before time moves on
        try {
          org.awaitility.Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
              .atMost(Duration.ofMillis(50)).until(condition::getAsBoolean);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          // nothing was due yet
        }
      }
    }
    return stepped;
  }

  /** The slot as the sequencer has it now (in process, not over MQTT). */
  SequenceSlot now(int slot) {
    return commands.firmware().getBean(Sequencer.class).snapshot().get(slot - 1);
  }

  /** seq.LOAD of {@code sequence} into {@code slot} under {@code key}. */
  TestCommand load(int slot, TestSequence sequence, CommandKey key) {
    return load(slot, sequence.bytes(), key);
  }

  TestCommand load(int slot, byte[] sequence, CommandKey key) {
    return commands.command("seq.LOAD").key(key).integer("slot", slot).data("sequence", sequence);
  }

  /** seq.{verb} of {@code slot} with the operator key. */
  TestCommand slotCommand(String verb, int slot) {
    return commands.command("seq." + verb).integer("slot", slot);
  }

  /** Loads with the operator key and asserts COMPLETED; returns the load command (its request id is the entries'). */
  TestCommand loaded(int slot, TestSequence sequence) {
    TestCommand load = load(slot, sequence, TestKeys.OPERATOR);
    commands.assertCompleted(load);
    return load;
  }

  /** Sends {@code command}; asserts ACCEPTED then FAILED; returns the FAILED ack. */
  CommandAck assertFailed(TestCommand command) {
    List<CommandAck> acks = commands.send(command);
    assertThat(acks).extracting(CommandAck::getStatus).as(acks.toString())
        .containsExactly(Status.STATUS_ACCEPTED, Status.STATUS_FAILED);
    return acks.getLast();
  }

  /** The acks of the entries of the sequence {@code load} uploaded, in arrival order. */
  List<CommandAck> entryAcks(TestCommand load) {
    List<CommandAck> acks = commands.acks().stream()
        .filter(a -> a.getSequence().getSlot() != 0 && a.getRequestId() == load.requestId()).toList();
    // signed with the key that loaded the sequence, which they name
    AckMacs.assertSigned(acks, commands.keys(), "test-site", "ctl-1");
    return acks;
  }

  /** The final acks (COMPLETED or FAILED) of those entries. */
  List<CommandAck> entryOutcomes(TestCommand load) {
    return entryAcks(load).stream().filter(a -> a.getStatus() != Status.STATUS_ACCEPTED).toList();
  }

  /** Waits for a tlm/seq frame whose {@code slot} matches; returns that slot. */
  SequenceSlot awaitSlot(int slot, Predicate<SequenceSlot> predicate) {
    Received m = commands.recorder().awaitMatch(SEQ, r -> predicate.test(slot(frame(r), slot)), WAIT);
    return slot(frame(m), slot);
  }

  /**
   * Every entry result tlm/seq reported for the sequence {@code name} in {@code slot}, in order,
   * each once (a sequence run twice reports its entries twice).
   */
  List<EntryResult> results(int slot, String name) {
    java.util.LinkedHashSet<EntryResult> results = new java.util.LinkedHashSet<>();
    for (SequenceTelemetry frame : frames()) {
      SequenceSlot s = slot(frame, slot);
      if (s.getName().equals(name) && s.hasLast()) {
        results.add(s.getLast());
      }
    }
    return List.copyOf(results);
  }

  /** Waits until tlm/seq reported {@code count} entry results of {@code name} in {@code slot}. */
  List<EntryResult> awaitResults(int slot, String name, int count) {
    return org.awaitility.Awaitility.await().atMost(WAIT).until(() -> results(slot, name), r -> r.size() >= count);
  }

  /** Every tlm/seq frame so far. */
  List<SequenceTelemetry> frames() {
    return commands.recorder().on(SEQ).stream().map(SequenceTester::frame).toList();
  }

  static SequenceSlot slot(SequenceTelemetry frame, int slot) {
    return frame.getSlotsList().stream().filter(s -> s.getSlot() == slot).findFirst().orElseThrow();
  }

  static SequenceTelemetry frame(Received m) {
    try {
      return TelemetryFrame.parseFrom(m.payload()).getSeq();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
