package space.lunarbase.fsw.core.command;

import java.util.Map;
import java.util.Objects;
import space.lunarbase.proto.v1.Value;

/**
 * Whether a command is a safing command: one that can only make its subsystem safer (stop, open,
 * disarm, put in SAFE), so running it again, or late, cannot arm, fire, charge or release a hold.
 * Declared on its {@link CommandSpec}; a verified safing command keeps a reserve of the rate limit
 * that no flood can spend, goes ahead of a full command queue, and still runs when its counter
 * cannot be persisted (docs/subsystems/commanding.md, "Safing commands").
 */
public sealed interface Safing {

  /** An ordinary command (the default). */
  Safing NEVER = new Never();
  /** A command that is safing whatever its arguments, e.g. {@code rail.SAFE}. */
  Safing ALWAYS = new Always();

  /** Safing when its text argument {@code argument} is {@code value}, e.g. {@code core.SET_MODE mode=SAFE}. */
  static Safing whenText(String argument, String value) {
    return new WhenText(argument, value);
  }

  /** Whether a command with these (declared, checked) arguments is safing. */
  boolean test(Map<String, Value> args);

  /** Not safing. */
  record Never() implements Safing {
    @Override
    public boolean test(Map<String, Value> args) {
      return false;
    }
  }

  /** Safing whatever the arguments. */
  record Always() implements Safing {
    @Override
    public boolean test(Map<String, Value> args) {
      return true;
    }
  }

  /** Safing when the text argument {@code argument} is exactly {@code value}. */
  record WhenText(String argument, String value) implements Safing {

    public WhenText {
      Objects.requireNonNull(argument, "argument");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean test(Map<String, Value> args) {
      Value given = args.get(argument);
      return given != null && given.getKindCase() == Value.KindCase.TEXT && given.getText().equals(value);
    }
  }
}
