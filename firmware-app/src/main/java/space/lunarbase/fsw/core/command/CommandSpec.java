package space.lunarbase.fsw.core.command;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Value;

/**
 * The declaration of one command: its name ({@code subsystem.NAME}), who may send it, its
 * arguments, the modes of its subsystem it is legal in, and its handler.
 *
 * @param name {@code [a-z]+\.[A-Z][A-Z0-9_]*}, e.g. {@code bank.SET_CHARGE_CURRENT}
 * @param summary one line for people and docs
 * @param roles the roles whose keys may send it
 * @param args its arguments, all required
 * @param modes the modes of its subsystem in which it may run
 * @param handler what it does
 * @param contentCheck its own check of what the arguments contain ({@link ContentCheck#NONE} for most)
 * @param safing whether it is a safing command ({@link Safing#NEVER} for most; see {@link #withSafing}):
 *     a safing command must be allowed in every mode
 * @param traits how the command's authority is judged beyond its roles ({@link Trait}); empty for most
 * @param precondition what must hold now, beyond the mode ({@link Precondition#NONE} for most)
 */
public record CommandSpec(String name, String summary, Set<Role> roles, List<ArgSpec> args, Set<Mode> modes,
                          CommandHandler handler, ContentCheck contentCheck, Safing safing, Set<Trait> traits,
                          Precondition precondition) {

  /** How a command's authority is judged beyond its roles and mode. */
  public enum Trait {
    /**
     * Refused (CLOCK_NOT_SYNCHRONISED) while the controller's clock is not synchronised: its
     * effect depends on time being right (an arm window, a charge timed for a shot).
     */
    TIME_CRITICAL,
    /**
     * Never an entry of a stored sequence: refused at seq.LOAD (and at a restore) and, should one
     * be there, when it comes due. For commands that need what only the moment can give (rail.FIRE
     * names an arm by a token drawn when it was armed).
     */
    NOT_IN_SEQUENCES
  }

  static final Pattern NAME = Pattern.compile("[a-z]+\\.[A-Z][A-Z0-9_]*");

  /** Every mode: for commands that make things safe or only report. */
  public static final Set<Mode> ANY_MODE = Set.copyOf(EnumSet.allOf(Mode.class));

  public CommandSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("command name must be subsystem.NAME, was " + name);
    }
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(contentCheck, "contentCheck");
    Objects.requireNonNull(safing, "safing");
    Objects.requireNonNull(precondition, "precondition");
    traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
    roles = Set.copyOf(roles);
    args = List.copyOf(args);
    modes = Set.copyOf(modes);
    if (roles.isEmpty() || modes.isEmpty()) {
      throw new IllegalArgumentException(name + ": declare at least one role and one mode");
    }
    Set<String> names = new HashSet<>();
    args.forEach(a -> {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException(name + ": argument " + a.name() + " declared twice");
      }
    });
    if (!(safing instanceof Safing.Never) && !modes.equals(ANY_MODE)) {
      throw new IllegalArgumentException(name + ": a safing command must be allowed in every mode");
    }
    if (safing instanceof Safing.WhenText when && args.stream().noneMatch(a -> a.name().equals(when.argument())
        && a.type() == ArgSpec.ArgType.TEXT && (a.choices().isEmpty() || a.choices().contains(when.value())))) {
      throw new IllegalArgumentException(name + ": safing names " + when.argument() + "=" + when.value()
          + ", which is not a text argument allowing that value");
    }
  }

  /** A command with a content check of its own, not safing (no traits, no precondition). */
  public CommandSpec(String name, String summary, Set<Role> roles, List<ArgSpec> args, Set<Mode> modes,
                     CommandHandler handler, ContentCheck contentCheck) {
    this(name, summary, roles, args, modes, handler, contentCheck, Safing.NEVER, Set.of(), Precondition.NONE);
  }

  /** A command whose declared arguments say everything (no content check, no traits, no precondition). */
  public CommandSpec(String name, String summary, Set<Role> roles, List<ArgSpec> args, Set<Mode> modes,
                     CommandHandler handler) {
    this(name, summary, roles, args, modes, handler, ContentCheck.NONE);
  }

  /** This declaration marked as a safing command ({@code Safing.ALWAYS}, or safing for some arguments). */
  public CommandSpec withSafing(Safing marking) {
    return new CommandSpec(name, summary, roles, args, modes, handler, contentCheck, marking, traits, precondition);
  }

  /** This command with {@code more} traits as well. */
  public CommandSpec with(Trait... more) {
    Set<Trait> all = EnumSet.noneOf(Trait.class);
    all.addAll(traits);
    all.addAll(List.of(more));
    return new CommandSpec(name, summary, roles, args, modes, handler, contentCheck, safing, all, precondition);
  }

  /** This command with {@code condition} as its precondition. */
  public CommandSpec when(Precondition condition) {
    return new CommandSpec(name, summary, roles, args, modes, handler, contentCheck, safing, traits, condition);
  }

  /** Whether it has {@code trait}. */
  public boolean has(Trait trait) {
    return traits.contains(trait);
  }

  /** Whether this command with these (checked) arguments is a safing command. */
  public boolean safing(Map<String, Value> given) {
    return safing.test(given);
  }

  /** The subsystem whose mode governs it: the part before the dot. */
  public String subsystem() {
    return name.substring(0, name.indexOf('.'));
  }

  /** Empty if {@code given} matches the declared arguments exactly; else the first problem. */
  public Optional<Rejection> checkArgs(Map<String, Value> given) {
    for (String key : given.keySet()) {
      if (args.stream().noneMatch(a -> a.name().equals(key))) {
        return Optional.of(new Rejection(Reason.REASON_BAD_ARGUMENT,
            name + " has no argument '" + ArgSpec.printable(key) + "'"));
      }
    }
    for (ArgSpec arg : args) {
      Value value = given.get(arg.name());
      if (value == null) {
        return Optional.of(new Rejection(Reason.REASON_BAD_ARGUMENT, name + " needs argument " + arg.name()));
      }
      Optional<Rejection> problem = arg.check(value);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }
}
