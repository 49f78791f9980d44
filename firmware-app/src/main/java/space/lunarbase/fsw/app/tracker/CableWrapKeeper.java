package space.lunarbase.fsw.app.tracker;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.lunarbase.fsw.config.KnownCableWrap;
import space.lunarbase.fsw.core.command.CommandFailure;
import space.lunarbase.fsw.core.event.EventLog;
import space.lunarbase.fsw.core.storage.CheckedTextFile;

/**
 * Knows the cable wrap across restarts: starts it from the first GOOD azimuth reading and the
 * {@link WrapStore} (the turn nearest the saved wrap; with nothing trustworthy saved, the turn
 * within half a turn of the neutral, with {@link TrackerEvents#WRAP_ASSUMED}), follows it, saves it
 * whenever it has moved {@value #SAVE_STEP_DEG} degrees from the saved value or when asked, and
 * takes an operator's correction. Hardware that knows its own wrap ({@link KnownCableWrap}: a
 * simulated plant, never a real cable) gives the turn instead of the file, with
 * {@link TrackerEvents#WRAP_FROM_HARDWARE}. Owned by the controller (under its lock).
 */
final class CableWrapKeeper {

  /** The wrap is saved when it has moved this far from the saved value (and when asked). */
  static final double SAVE_STEP_DEG = 5;
  /** An operator's wrap must agree with the azimuth encoder within this. */
  static final double SET_TOLERANCE_DEG = 2;

  private static final Logger LOG = LoggerFactory.getLogger(CableWrapKeeper.class);

  private final double neutralDeg;
  private final WrapStore store;
  private final KnownCableWrap hardware;
  private final EventLog events;
  private CableWrap wrap;
  private double savedDeg = Double.NaN;
  private boolean saveNow;

  CableWrapKeeper(double neutralDeg, WrapStore store, KnownCableWrap hardware, EventLog events) {
    this.neutralDeg = neutralDeg;
    this.store = store;
    this.hardware = hardware;
    this.events = events;
  }

  /** The wrap, once a GOOD azimuth reading has started it. */
  Optional<CableWrap> wrap() {
    return Optional.ofNullable(wrap);
  }

  /** The wrap now, degrees; NaN until known. */
  double wrapDeg() {
    return wrap == null ? Double.NaN : wrap.wrapDeg();
  }

  /** Takes a GOOD azimuth reading: the first starts the wrap, the rest move it. */
  void follow(double azimuthDeg) {
    if (wrap == null) {
      wrap = new CableWrap(neutralDeg, start(azimuthDeg), azimuthDeg);
      saveNow = true;
    } else {
      wrap.follow(azimuthDeg);
    }
  }

  /**
   * An operator's wrap at encoder azimuth {@code azimuthDeg}: the agreeing value is kept and saved.
   *
   * @return the wrap now
   * @throws CommandFailure if it disagrees with the encoder by more than {@value #SET_TOLERANCE_DEG} degrees
   */
  double set(double wrapDeg, double azimuthDeg) {
    double agreeing = CableWrap.restore(wrapDeg, azimuthDeg, neutralDeg);
    if (Math.abs(agreeing - wrapDeg) > SET_TOLERANCE_DEG) {
      throw new CommandFailure(String.format("the azimuth encoder reads %.2f deg: the wrap is %.2f deg plus whole"
          + " turns (e.g. %.2f), not %.2f", azimuthDeg, CableWrap.nearestNeutral(azimuthDeg, neutralDeg), agreeing,
          wrapDeg));
    }
    double before = wrapDeg();
    if (wrap == null) {
      wrap = new CableWrap(neutralDeg, agreeing, azimuthDeg);
    } else {
      wrap.set(agreeing);
    }
    saveNow = true;
    events.emitUnthrottled(TrackerEvents.WRAP_SET, String.format("cable wrap set to %.2f deg (was %.2f)", agreeing,
        before), Map.of("wrap_deg", Double.toString(agreeing), "before_deg", Double.toString(before)));
    return agreeing;
  }

  /** Saves at the next {@link #saveIfDue} whatever the step (a state change). */
  void saveSoon() {
    saveNow = true;
  }

  /** Saves if asked or if the wrap has moved {@value #SAVE_STEP_DEG} degrees; a failure is an event and a retry. */
  void saveIfDue() {
    if (wrap == null || (!saveNow && Math.abs(wrap.wrapDeg() - savedDeg) < SAVE_STEP_DEG)) {
      return;
    }
    double w = wrap.wrapDeg();
    try {
      store.save(w);
      savedDeg = w;
      saveNow = false;
    } catch (IOException e) {
      LOG.debug("saving the cable wrap failed", e);
      events.emit(TrackerEvents.WRAP_NOT_SAVED, "saving the cable wrap to " + store.path() + " failed: " + e,
          Map.of("file", store.path().toString()));
    }
  }

  private double start(double azimuthDeg) {
    OptionalDouble known = hardware.wrapDeg();
    if (known.isPresent() && Double.isFinite(known.getAsDouble())) {
      double start = CableWrap.restore(known.getAsDouble(), azimuthDeg, neutralDeg);
      events.emitUnthrottled(TrackerEvents.WRAP_FROM_HARDWARE, String.format("cable wrap %.2f deg: the turn of the"
          + " hardware's own %.2f deg that agrees with the azimuth encoder's %.2f deg", start, known.getAsDouble(),
          azimuthDeg), Map.of("wrap_deg", Double.toString(start), "hardware_deg", Double.toString(known.getAsDouble())));
      return start;
    }
    try {
      Optional<Double> saved = store.load();
      if (saved.isEmpty()) {
        return assume(azimuthDeg, "no saved cable wrap in " + store.path());
      }
      double start = CableWrap.restore(saved.get(), azimuthDeg, neutralDeg);
      events.emitUnthrottled(TrackerEvents.WRAP_RESTORED, String.format("cable wrap %.2f deg: the turn of the saved"
          + " %.2f deg that agrees with the azimuth encoder's %.2f deg", start, saved.get(), azimuthDeg),
          Map.of("wrap_deg", Double.toString(start), "saved_deg", Double.toString(saved.get())));
      return start;
    } catch (IOException | CheckedTextFile.CorruptException e) {
      store.quarantine();
      return assume(azimuthDeg, "the saved cable wrap cannot be read (" + e.getMessage() + "), kept as "
          + store.path() + ".corrupt");
    }
  }

  private double assume(double azimuthDeg, String why) {
    double assumed = CableWrap.nearestNeutral(azimuthDeg, neutralDeg);
    events.emitUnthrottled(TrackerEvents.WRAP_ASSUMED, String.format("%s: assumed %.2f deg (within half a turn of"
        + " the neutral); check the cable and correct it with tracker.SET_WRAP in MAINTENANCE", why, assumed),
        Map.of("wrap_deg", Double.toString(assumed), "reason", why));
    return assumed;
  }
}
