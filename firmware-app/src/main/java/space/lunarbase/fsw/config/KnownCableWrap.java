package space.lunarbase.fsw.config;

import java.util.OptionalDouble;

/**
 * What the tracker's hardware itself knows of its cable wrap (degrees from the cable's neutral,
 * signed). A real cable has no wrap sensor: {@link #NONE}, so after a restart the saved wrap gives
 * the turn and, with none saved, the turn is assumed with a warning until an operator states it. A
 * simulated plant knows its wrap exactly, and is built afresh at every start, so a simulated
 * tracker starts from the plant's wrap rather than from a file an earlier run left behind.
 */
@FunctionalInterface
public interface KnownCableWrap {

  /** Hardware that cannot tell its cable wrap: every real board. */
  KnownCableWrap NONE = OptionalDouble::empty;

  /** The cable wrap now, degrees from the neutral, signed; empty when the hardware cannot tell. */
  OptionalDouble wrapDeg();
}
