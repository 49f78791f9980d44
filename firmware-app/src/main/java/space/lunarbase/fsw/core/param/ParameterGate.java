package space.lunarbase.fsw.core.param;

import java.util.Optional;

/**
 * Whether parameters read by an interlock may change now: only while the rail is SAFE (its mode
 * SAFE and, on a board with a rail, its sequence SAFE), so nothing an armed rail relies on moves
 * under it. The rail's application provides the one bean.
 */
@FunctionalInterface
public interface ParameterGate {

  /** Why interlock parameters may not change now; empty if they may. */
  Optional<String> closed();
}
