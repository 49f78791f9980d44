package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.Value;

/** The argument validators: ranges, kinds and choices, for any value. */
class ArgSpecProperties {

  @Property
  void aNumberIsAcceptedIffFiniteAndWithinItsRange(@ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double b, @ForAll("numbers") double value) {
    ArgSpec spec = ArgSpec.number("x", "A", Math.min(a, b), Math.max(a, b));
    Optional<Rejection> verdict = spec.check(Value.newBuilder().setNumber(value).build());
    boolean inside = Double.isFinite(value) && value >= spec.min() && value <= spec.max();
    if (inside) {
      assertThat(verdict).isEmpty();
    } else {
      assertThat(verdict).map(Rejection::reason).contains(Reason.REASON_OUT_OF_RANGE);
    }
  }

  @Property
  void theBoundsThemselvesAreInside(@ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
      @ForAll @DoubleRange(min = 0, max = 1e6) double span) {
    ArgSpec spec = ArgSpec.number("x", "", a, a + span);
    assertThat(spec.check(Value.newBuilder().setNumber(spec.min()).build())).isEmpty();
    assertThat(spec.check(Value.newBuilder().setNumber(spec.max()).build())).isEmpty();
  }

  @Property
  void anIntegerIsAcceptedIffWithinItsRange(@ForAll @LongRange(min = -1000, max = 1000) long a,
      @ForAll @LongRange(min = -1000, max = 1000) long b, @ForAll long value) {
    ArgSpec spec = ArgSpec.integer("n", "", Math.min(a, b), Math.max(a, b));
    Optional<Rejection> verdict = spec.check(Value.newBuilder().setInteger(value).build());
    if (value >= Math.min(a, b) && value <= Math.max(a, b)) {
      assertThat(verdict).isEmpty();
    } else {
      assertThat(verdict).map(Rejection::reason).contains(Reason.REASON_OUT_OF_RANGE);
    }
  }

  @Property
  void aValueOfAnotherKindIsABadArgumentWhateverItHolds(@ForAll("specs") ArgSpec spec, @ForAll("values") Value value) {
    Optional<Rejection> verdict = spec.check(value);
    if (ArgSpec.typeOf(value) != spec.type()) {
      assertThat(verdict).map(Rejection::reason).contains(Reason.REASON_BAD_ARGUMENT);
    } else if (spec.type() != ArgSpec.ArgType.TEXT) {
      // the right kind: only its range can be wrong (texts are judged by their choices, below)
      assertThat(verdict.map(Rejection::reason)).isIn(Optional.empty(), Optional.of(Reason.REASON_OUT_OF_RANGE));
    }
  }

  @Property
  void aTextIsAcceptedIffItIsOneOfTheChoices(@ForAll("words") String text) {
    ArgSpec spec = ArgSpec.text("mode", List.of("SAFE", "NOMINAL", "MAINTENANCE"));
    Optional<Rejection> verdict = spec.check(Value.newBuilder().setText(text).build());
    if (spec.choices().contains(text)) {
      assertThat(verdict).isEmpty();
    } else {
      assertThat(verdict).map(Rejection::reason).contains(Reason.REASON_BAD_ARGUMENT);
      assertThat(verdict.orElseThrow().text()).doesNotContainPattern("\\p{Cntrl}");
    }
  }

  @Provide
  Arbitrary<Double> numbers() {
    return Arbitraries.oneOf(Arbitraries.doubles().between(-2e6, 2e6),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.MIN_VALUE));
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.oneOf(Arbitraries.of("SAFE", "NOMINAL", "MAINTENANCE", "safe", "SAFE ", ""),
        Arbitraries.strings().ofMaxLength(300));
  }

  @Provide
  Arbitrary<ArgSpec> specs() {
    return Arbitraries.of(ArgSpec.number("x", "V", -10, 10), ArgSpec.integer("n", "", 0, 5), ArgSpec.flag("f"),
        ArgSpec.text("t", List.of()), ArgSpec.text("c", List.of("A", "B")));
  }

  @Provide
  Arbitrary<Value> values() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().map(d -> Value.newBuilder().setNumber(d).build()),
        Arbitraries.longs().map(l -> Value.newBuilder().setInteger(l).build()),
        Arbitraries.of(true, false).map(f -> Value.newBuilder().setFlag(f).build()),
        Arbitraries.strings().ofMaxLength(20).map(s -> Value.newBuilder().setText(s).build()),
        Arbitraries.just(Value.getDefaultInstance()));
  }
}
