package space.lunarbase.fsw.core.seq;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import space.lunarbase.fsw.core.telemetry.HeaderStamper;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SequenceEntry;
import space.lunarbase.proto.v1.Value;

/**
 * Builds a {@code Sequence} as a ground tool would:
 * {@code TestSequence.named("night").after(Duration.ofSeconds(5), "core.NOOP").bytes()}.
 */
public final class TestSequence {

  private final Sequence.Builder sequence = Sequence.newBuilder();

  private TestSequence(String name) {
    sequence.setName(name);
  }

  public static TestSequence named(String name) {
    return new TestSequence(name);
  }

  public TestSequence continueOnFailure() {
    sequence.setOnFailure(Sequence.OnFailure.ON_FAILURE_CONTINUE);
    return this;
  }

  /** An entry {@code delay} after the previous one; {@code args} alternate name, value (Double, Long, Boolean, String). */
  public TestSequence after(Duration delay, String command, Object... args) {
    sequence.addEntries(SequenceEntry.newBuilder().setRelativeNs(delay.toNanos()).setCommand(command)
        .putAllArgs(values(args)));
    return this;
  }

  /** An entry at {@code time}. */
  public TestSequence at(Instant time, String command, Object... args) {
    sequence.addEntries(SequenceEntry.newBuilder().setAbsoluteNs(HeaderStamper.nanos(time)).setCommand(command)
        .putAllArgs(values(args)));
    return this;
  }

  /** An entry without a time. */
  public TestSequence untimed(String command) {
    sequence.addEntries(SequenceEntry.newBuilder().setCommand(command));
    return this;
  }

  public Sequence build() {
    return sequence.build();
  }

  public byte[] bytes() {
    return build().toByteArray();
  }

  static Map<String, Value> values(Object... args) {
    Map<String, Value> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      Object v = args[i + 1];
      Value.Builder value = Value.newBuilder();
      switch (v) {
        case Double d -> value.setNumber(d);
        case Long l -> value.setInteger(l);
        case Integer n -> value.setInteger(n);
        case Boolean b -> value.setFlag(b);
        case String s -> value.setText(s);
        default -> throw new IllegalArgumentException("no Value kind for " + v);
      }
      values.put((String) args[i], value.build());
    }
    return values;
  }
}
