package space.lunarbase.fsw.core.seq;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.command.Delegated;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.EntryResult;
import space.lunarbase.proto.v1.Sequence.OnFailure;
import space.lunarbase.proto.v1.SequenceRef;
import space.lunarbase.proto.v1.SequenceSlot;
import space.lunarbase.proto.v1.SequenceSlot.State;

/**
 * One sequence slot and its state machine:
 *
 * <pre>
 * IDLE --LOAD--> LOADED --RUN--> RUNNING --PAUSE--> PAUSED --RESUME--> RUNNING
 *                  ^              |  every entry over    --> DONE
 *                  |              |  failed entry, STOP  --> FAILED
 *                  |              +--ABORT (also from PAUSED) --> ABORTED
 *   LOAD / CLEAR / RUN again from LOADED, DONE, ABORTED, FAILED; never while RUNNING or PAUSED
 * </pre>
 *
 * <p>At most one entry is in flight (handed to the dispatcher, not yet over); the next one is
 * handed over only when it is due and the previous one is over. PAUSE and ABORT withdraw an entry
 * still waiting in the dispatcher's queue (it cannot be executing: those commands run on the
 * dispatcher's thread too), so a withdrawn entry is next again after RESUME.
 *
 * <p>Every method is synchronized on the slot: commands and outcomes come on the dispatcher's
 * thread, {@link #tick} on a rate group's. Nothing here blocks or waits for another slot.
 */
final class Slot {

  /** What a slot needs from the controller: time, the dispatcher's queue, events. */
  interface Host {
    Instant now();

    Duration lateLimit();

    void submit(Delegated command);

    void emit(EventLog.Kind kind, String text, Map<String, String> args);

    /** Told after the slot changed on its own (an entry ended), outside the slot's lock. */
    void changed(Slot slot);
  }

  private final int number;
  private final Host host;

  private State state = State.STATE_IDLE;
  private SequencePlan plan;
  private Loader loader;
  // the run
  private Instant started;
  private int next;
  private int done;
  private int failed;
  /** The scheduled time of the previous entry (the run's start before the first), moved on by pauses. */
  private Instant anchor;
  private Instant pausedAt;
  private EntryResult last;
  private boolean inFlight;
  private long submission;
  private Instant inFlightDue;
  /** When the dispatcher took the entry in flight up (null while it waits in the queue). */
  private Instant inFlightStarted;

  Slot(int number, Host host) {
    this.number = number;
    this.host = host;
  }

  int number() {
    return number;
  }

  synchronized State state() {
    return state;
  }

  synchronized SequencePlan plan() {
    return plan;
  }

  synchronized Loader loader() {
    return loader;
  }

  /** Refuses (CommandFailure) while a sequence runs or is paused here. */
  synchronized void requireStopped(String action) {
    if (state == State.STATE_RUNNING || state == State.STATE_PAUSED) {
      throw new CommandFailure(this + " is " + label(state) + ": seq.ABORT it before you " + action);
    }
  }

  /**
   * Puts {@code plan} here, LOADED (not while running or paused); {@code restored} when it is a
   * sequence kept across a restart (SEQUENCE_RESTORED rather than SEQUENCE_LOADED).
   */
  synchronized void load(SequencePlan plan, Loader loader, boolean restored) {
    requireStopped("load another");
    this.plan = plan;
    this.loader = loader;
    this.state = State.STATE_LOADED;
    resetRun();
    String what = "'" + plan.name() + "' (" + plan.entries().size() + " entries, " + plan.absoluteCount()
        + " at absolute times, on failure " + policy() + ", key " + loader.keyId() + ")";
    if (restored) {
      host.emit(SequenceEvents.SEQUENCE_RESTORED, this + ": " + what + " loaded again after the restart, loaded "
          + loader.loadedAt() + "; not running: seq.RUN runs it", args());
    } else {
      host.emit(SequenceEvents.SEQUENCE_LOADED, this + ": " + what + " loaded", args());
    }
  }

  /** Empties the slot (not while running or paused); returns whether it held a sequence. */
  synchronized boolean clear() {
    requireStopped("clear it");
    if (state == State.STATE_IDLE) {
      return false;
    }
    Map<String, String> args = args();
    String name = plan.name();
    state = State.STATE_IDLE;
    plan = null;
    loader = null;
    resetRun();
    host.emit(SequenceEvents.SEQUENCE_CLEARED, this + ": '" + name + "' cleared", args);
    return true;
  }

  /** Starts a run from the first entry; {@code role} is the role of the key that asks. */
  synchronized String run(Role role) {
    if (state == State.STATE_IDLE) {
      throw new CommandFailure(this + " is empty: seq.LOAD a sequence first");
    }
    requireStopped("run it again");
    requireRole(role, "run");
    Instant now = host.now();
    Timeline.checkRun(plan, now).ifPresent(problem -> {
      throw new CommandFailure(this + " '" + plan.name() + "' cannot run: " + problem);
    });
    resetRun();
    started = now;
    anchor = now;
    state = State.STATE_RUNNING;
    SequencePlan.Entry first = plan.entries().getFirst();
    host.emit(SequenceEvents.SEQUENCE_STARTED, this + ": '" + plan.name() + "' started; entry 1 (" + first.command()
        + ") due " + first.due(anchor), args());
    advance(now);
    return this + " '" + plan.name() + "' running: " + plan.entries().size() + " entries, entry 1 due "
        + first.due(started);
  }

  /** Stops handing out entries; an entry waiting in the dispatcher's queue is withdrawn. */
  synchronized String pause() {
    requireState(State.STATE_RUNNING, "pause");
    Instant now = host.now();
    withdraw();
    state = State.STATE_PAUSED;
    pausedAt = now;
    host.emit(SequenceEvents.SEQUENCE_PAUSED, this + ": '" + plan.name() + "' paused before entry " + (next + 1)
        + " (" + done + " of " + plan.entries().size() + " over)", args());
    return this + " '" + plan.name() + "' paused before entry " + (next + 1);
  }

  /**
   * Goes on after a pause: relative entries move on by the pause's length; an absolute entry whose
   * time has passed by more than the late limit is missed when it comes up.
   */
  synchronized String resume(Role role) {
    requireState(State.STATE_PAUSED, "resume");
    requireRole(role, "resume");
    Instant now = host.now();
    Duration paused = Duration.between(pausedAt, now);
    anchor = anchor.plus(paused);
    pausedAt = null;
    state = State.STATE_RUNNING;
    SequencePlan.Entry entry = plan.entries().get(next);
    host.emit(SequenceEvents.SEQUENCE_RESUMED, this + ": '" + plan.name() + "' resumed after "
        + Timeline.seconds(paused) + " paused; entry " + entry.number() + " (" + entry.command() + ") due "
        + entry.due(anchor), args());
    advance(now);
    return this + " '" + plan.name() + "' resumed after " + Timeline.seconds(paused) + " paused";
  }

  /** Stops a running or paused sequence for good; an entry waiting in the dispatcher's queue is withdrawn. */
  synchronized String abort() {
    if (state != State.STATE_RUNNING && state != State.STATE_PAUSED) {
      throw new CommandFailure(this + " is " + label(state) + ", not running or paused: nothing to abort");
    }
    withdraw();
    state = State.STATE_ABORTED;
    pausedAt = null;
    host.emit(SequenceEvents.SEQUENCE_ABORTED, this + ": '" + plan.name() + "' aborted before entry " + (next + 1)
        + " (" + done + " of " + plan.entries().size() + " over)", args());
    return this + " '" + plan.name() + "' aborted before entry " + (next + 1);
  }

  /** Hands out the next entry if it is due; returns whether the slot changed. For the scheduler. */
  synchronized boolean tick() {
    if (state != State.STATE_RUNNING || inFlight) {
      return false;
    }
    return advance(host.now());
  }

  /**
   * Whether {@code id} is still the entry in flight (not withdrawn); asked by the dispatcher right
   * before it runs the entry, which is when the entry starts.
   */
  synchronized boolean current(long id) {
    boolean current = inFlight && id == submission && state == State.STATE_RUNNING;
    if (current) {
      inFlightStarted = host.now();
    }
    return current;
  }

  /** Takes the outcome of entry submission {@code id}; goes on at once if the next entry is due. */
  void outcome(long id, Delegated.Outcome outcome) {
    boolean changed;
    synchronized (this) {
      changed = ended(id, outcome);
    }
    if (changed) {
      host.changed(this);
    }
  }

  private boolean ended(long id, Delegated.Outcome outcome) {
    if (!inFlight || id != submission) {
      return false;
    }
    inFlight = false;
    SequencePlan.Entry entry = plan.entries().get(next);
    last = EntryResult.newBuilder().setEntry(entry.number()).setCommand(entry.command())
        .setOutcome(outcome.completed() ? EntryResult.Outcome.OUTCOME_COMPLETED : EntryResult.Outcome.OUTCOME_FAILED)
        .setReason(outcome.reason()).setText(outcome.text()).setDueNs(HeaderStamper.nanos(inFlightDue))
        .setStartedNs(HeaderStamper.nanos(inFlightStarted == null ? host.now() : inFlightStarted)).build();
    anchor = inFlightDue;
    next++;
    done++;
    if (!outcome.completed()) {
      failed++;
      if (entryFailed(entry, outcome.reason().name().replaceFirst("^REASON_", "") + ": " + outcome.text())) {
        return true;
      }
    }
    advance(host.now());
    return true;
  }

  /**
   * Runs the run forward at {@code now}: misses absolute entries too late to start, hands out the
   * next due entry, ends the run when every entry is over. Returns whether anything changed.
   */
  private boolean advance(Instant now) {
    boolean changed = false;
    while (state == State.STATE_RUNNING && !inFlight) {
      if (next == plan.entries().size()) {
        state = State.STATE_DONE;
        host.emit(SequenceEvents.SEQUENCE_COMPLETED, this + ": '" + plan.name() + "' done: " + done + " entries, "
            + failed + " failed or missed", args());
        return true;
      }
      SequencePlan.Entry entry = plan.entries().get(next);
      Instant due = entry.due(anchor);
      if (now.isBefore(due)) {
        return changed;
      }
      changed = true;
      Duration late = Duration.between(due, now);
      if (entry.absolute() && late.compareTo(host.lateLimit()) > 0) {
        last = EntryResult.newBuilder().setEntry(entry.number()).setCommand(entry.command())
            .setOutcome(EntryResult.Outcome.OUTCOME_MISSED).setReason(Reason.REASON_NONE)
            .setText("missed: " + Timeline.seconds(late) + " after its time, more than the late limit "
                + Timeline.seconds(host.lateLimit()))
            .setDueNs(HeaderStamper.nanos(due)).build();
        anchor = due;
        next++;
        done++;
        failed++;
        if (entryFailed(entry, last.getText())) {
          return true;
        }
        continue;
      }
      submit(entry, due);
    }
    return changed;
  }

  /** Reports a failed or missed entry; applies the policy; returns whether the run stopped. */
  private boolean entryFailed(SequencePlan.Entry entry, String why) {
    boolean stop = plan.onFailure() == OnFailure.ON_FAILURE_STOP;
    Map<String, String> args = args();
    args.put("entry", Integer.toString(entry.number()));
    args.put("command", entry.command());
    args.put("outcome", last.getOutcome().name().replaceFirst("^OUTCOME_", ""));
    args.put("reason", last.getReason().name());
    host.emit(SequenceEvents.SEQUENCE_ENTRY_FAILED, this + ": '" + plan.name() + "' entry " + entry.number() + " ("
        + entry.command() + ") " + args.get("outcome") + " " + why + "; on failure " + policy() + ": "
        + (stop ? "the sequence stops" : next < plan.entries().size() ? "entry " + (next + 1) + " next" : "no entries left"),
        args);
    if (stop) {
      state = State.STATE_FAILED;
      host.emit(SequenceEvents.SEQUENCE_FAILED, this + ": '" + plan.name() + "' stopped at entry " + entry.number()
          + " (" + done + " of " + plan.entries().size() + " over)", args);
    }
    return stop;
  }

  private void submit(SequencePlan.Entry entry, Instant due) {
    long id = ++submission;
    inFlight = true;
    inFlightDue = due;
    inFlightStarted = null;
    SequenceRef origin = SequenceRef.newBuilder().setSlot(number).setName(plan.name()).setEntry(entry.number()).build();
    host.submit(new Delegated(entry.command(), entry.args(), loader.keyId(), loader.role(), loader.requestId(),
        loader.counter(), origin, () -> current(id), outcome -> outcome(id, outcome)));
  }

  private void withdraw() {
    if (inFlight) {
      inFlight = false;
      submission++;
    }
  }

  private void resetRun() {
    started = null;
    next = 0;
    done = 0;
    failed = 0;
    anchor = null;
    pausedAt = null;
    last = null;
    withdraw();
  }

  private void requireState(State wanted, String action) {
    if (state != wanted) {
      throw new CommandFailure(this + " is " + label(state) + ", not " + label(wanted) + ": nothing to " + action);
    }
  }

  /** RUN and RESUME need a key of the loader's role: the entries run on the loader's authority. */
  private void requireRole(Role role, String action) {
    if (role != loader.role()) {
      throw new CommandFailure(this + " '" + plan.name() + "' was loaded with a " + loader.role().label()
          + " key: " + action + " it with a " + loader.role().label() + " key");
    }
  }

  /** The slot as telemetry, now. */
  synchronized SequenceSlot snapshot() {
    SequenceSlot.Builder slot = SequenceSlot.newBuilder().setSlot(number).setState(state);
    if (plan == null) {
      return slot.build();
    }
    slot.setName(plan.name()).setEntriesTotal(plan.entries().size()).setEntriesDone(done).setEntriesFailed(failed)
        .setLoadedBy(loader.keyId()).setLoadedNs(HeaderStamper.nanos(loader.loadedAt()))
        .setOnFailure(plan.onFailure());
    if (started != null) {
      slot.setStartedNs(HeaderStamper.nanos(started));
    }
    if (last != null) {
      slot.setLast(last);
    }
    if ((state == State.STATE_RUNNING || state == State.STATE_PAUSED) && next < plan.entries().size()) {
      SequencePlan.Entry entry = plan.entries().get(next);
      Instant base = state == State.STATE_PAUSED ? anchor.plus(Duration.between(pausedAt, host.now())) : anchor;
      slot.setNextEntry(entry.number()).setNextDueNs(HeaderStamper.nanos(entry.due(base)));
    }
    return slot.build();
  }

  private String policy() {
    return plan.onFailure() == OnFailure.ON_FAILURE_CONTINUE ? "CONTINUE" : "STOP";
  }

  private Map<String, String> args() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("slot", Integer.toString(number));
    args.put("sequence", plan == null ? "" : plan.name());
    return args;
  }

  /** {@code RUNNING}, {@code IDLE}, ... */
  static String label(State state) {
    return state.name().replaceFirst("^STATE_", "");
  }

  @Override
  public String toString() {
    return "slot " + number;
  }
}
