package space.lunarbase.fsw.core.seq;

import com.google.protobuf.ByteString;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import space.lunarbase.fsw.config.SequenceSettings;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.command.CommandIntake;
import space.lunarbase.fsw.core.command.Delegated;
import space.lunarbase.fsw.core.command.Role;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.v1.SequenceSlot;
import space.lunarbase.proto.v1.SequenceSlot.State;
import space.lunarbase.proto.v1.StoredSequence;

/**
 * The controller's sequence slots (F Prime's CmdSequencer, cFS's Stored Command app): loads,
 * runs, pauses, resumes, aborts and clears the sequence in each {@link Slot}, hands due entries to
 * the command dispatcher's queue ({@link CommandIntake#submit}) from {@link #tick} (a rate-group
 * task) or as soon as the previous entry is over, and keeps every loaded sequence in the
 * {@link SequenceStore} so that it survives a restart (loaded, not running). Listeners hear the
 * number of each slot that changed.
 */
@Singleton
public final class Sequencer {

  private final SequenceSettings settings;
  private final CommandIntake intake;
  private final EventLog events;
  private final SequenceTime clock;
  private final SequenceStore store;
  private final List<Slot> slots;
  private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();

  public Sequencer(SequenceSettings settings, CommandIntake intake, EventLog events, SequenceTime clock,
                   SequenceStore store) {
    this.settings = settings;
    this.intake = intake;
    this.events = events;
    this.clock = clock;
    this.store = store;
    Slot.Host host = new Host();
    List<Slot> all = new ArrayList<>(settings.slots());
    for (int n = 1; n <= settings.slots(); n++) {
      all.add(new Slot(n, host));
    }
    this.slots = List.copyOf(all);
  }

  /** Calls {@code listener} with a slot's number after each change to it (on the thread that changed it). */
  public void onChange(IntConsumer listener) {
    listeners.add(listener);
  }

  public int slotCount() {
    return slots.size();
  }

  /**
   * Loads {@code plan} into {@code slot} after keeping it on disk with {@code signed}, the seq.LOAD
   * as received (verified again at a restore), replacing what the slot held; refused while a
   * sequence runs or is paused there. Returns the ack text.
   */
  public String load(int slot, SequencePlan plan, Loader loader, ByteString signed) {
    Slot target = slot(slot);
    target.requireStopped("load another");
    StoredSequence stored = StoredSequence.newBuilder().setSlot(slot).setSequence(plan.bytes())
        .setKeyId(loader.keyId()).setRequestId(loader.requestId()).setCounter(loader.counter())
        .setLoadedNs(HeaderStamper.nanos(loader.loadedAt())).setSignedLoad(signed).build();
    try {
      store.write(stored);
    } catch (IOException e) {
      throw new CommandFailure(target + ": could not keep the sequence on disk, not loaded: " + e.getMessage());
    }
    target.load(plan, loader, false);
    changed(slot);
    return target + ": '" + plan.name() + "' loaded, " + plan.entries().size() + " entries";
  }

  /** Puts a sequence kept before a restart back in its slot, LOADED (at start-up). */
  void restore(int slot, SequencePlan plan, Loader loader) {
    slot(slot).load(plan, loader, true);
    changed(slot);
  }

  /** Runs the sequence in {@code slot} from its first entry; {@code role} is the asking key's. */
  public String run(int slot, Role role) {
    String text = slot(slot).run(role);
    changed(slot);
    return text;
  }

  public String pause(int slot) {
    String text = slot(slot).pause();
    changed(slot);
    return text;
  }

  public String resume(int slot, Role role) {
    String text = slot(slot).resume(role);
    changed(slot);
    return text;
  }

  public String abort(int slot) {
    String text = slot(slot).abort();
    changed(slot);
    return text;
  }

  /** Empties {@code slot} and forgets its sequence on disk; refused while it runs or is paused. */
  public String clear(int slot) {
    Slot target = slot(slot);
    target.requireStopped("clear it");
    try {
      store.delete(slot);
    } catch (IOException e) {
      throw new CommandFailure(target + ": could not remove the kept sequence, not cleared: " + e.getMessage());
    }
    boolean held = target.clear();
    changed(slot);
    return held ? target + " cleared" : target + " was already empty";
  }

  /** Hands out every due entry. For the scheduler's rate-group task. */
  public void tick() {
    for (Slot slot : slots) {
      if (slot.tick()) {
        changed(slot.number());
      }
    }
  }

  /** Every slot as telemetry. */
  public List<SequenceSlot> snapshot() {
    List<SequenceSlot> all = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      all.add(slot.snapshot());
    }
    return all;
  }

  /** The state of {@code slot}. */
  public State state(int slot) {
    return slot(slot).state();
  }

  private Slot slot(int number) {
    if (number < 1 || number > slots.size()) {
      // the commands declare 1..slots: only a caller's bug gets here
      throw new IllegalArgumentException("no slot " + number + " (1.." + slots.size() + ")");
    }
    return slots.get(number - 1);
  }

  private void changed(int slot) {
    for (IntConsumer listener : listeners) {
      listener.accept(slot);
    }
  }

  /** What the slots need: the clock, the late limit, the dispatcher's queue, events and change notices. */
  private final class Host implements Slot.Host {
    @Override
    public Instant now() {
      return clock.instant();
    }

    @Override
    public Duration lateLimit() {
      return settings.lateLimit();
    }

    @Override
    public void submit(Delegated command) {
      intake.submit(command);
    }

    @Override
    public void emit(EventLog.Kind kind, String text, Map<String, String> args) {
      events.emitUnthrottled(kind, text, args);
    }

    @Override
    public void changed(Slot slot) {
      Sequencer.this.changed(slot.number());
    }
  }
}
