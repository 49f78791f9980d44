package space.lunarbase.fsw.core.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The safing declarations of every command ({@link CommandSpec#safing()}), matched against a body's
 * bytes ({@link BodyScan}) without parsing or allocating: for recognising a safing command in a
 * flood (its key's reserve) and on the MQTT thread (ahead of a full queue). It answers what
 * {@link CommandSpec#safing(java.util.Map)} answers of the parsed body.
 */
final class SafingRules {

  /** One safing command: its name, and the text argument that makes it safing (null: always). */
  private record Rule(byte[] command, byte[] argument, byte[] value) {}

  private final Rule[] rules;

  SafingRules(CommandRegistry registry) {
    List<Rule> found = new ArrayList<>();
    for (CommandSpec spec : registry.all().values()) {
      byte[] name = utf8(spec.name());
      switch (spec.safing()) {
        case Safing.Never never -> { }
        case Safing.Always always -> found.add(new Rule(name, null, null));
        case Safing.WhenText when -> found.add(new Rule(name, utf8(when.argument()), utf8(when.value())));
      }
    }
    this.rules = found.toArray(Rule[]::new);
  }

  /** Whether the body {@code scan} has just read (successfully) is a safing command. */
  boolean claims(BodyScan scan) {
    for (Rule rule : rules) {
      if (scan.commandIs(rule.command)) {
        return rule.argument == null || scan.textArgumentIs(rule.argument, rule.value);
      }
    }
    return false;
  }

  /** Whether any command is safing at all. */
  boolean any() {
    return rules.length > 0;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
