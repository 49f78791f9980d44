package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The replay window: for any sequence of counters, and across a reload of the persisted marks. */
class ReplayWindowProperties {

  record Step(String key, long counter) {}

  @Property(tries = 200)
  void aCounterIsAcceptedIffAboveEveryCounterAcceptedBeforeForItsKeyAndTheMarkSurvivesAReload(
      @ForAll("steps") List<Step> steps, @ForAll("steps") List<Step> afterReload) throws IOException {
    Path data = Files.createTempDirectory("replay");
    try {
      Map<String, Long> model = new HashMap<>();
      ReplayGuard guard = ReplayGuard.open(data);
      check(guard, model, steps);

      ReplayGuard reloaded = ReplayGuard.open(data);
      for (String key : List.of("a", "b", "never")) {
        assertThat(reloaded.highest(key)).isEqualTo(model.getOrDefault(key, 0L));
      }
      check(reloaded, model, afterReload);
    } finally {
      delete(data);
    }
  }

  private static void check(ReplayGuard guard, Map<String, Long> model, List<Step> steps) {
    for (Step step : steps) {
      long highest = model.getOrDefault(step.key(), 0L);
      boolean expected = Long.compareUnsigned(step.counter(), highest) > 0;
      assertThat(guard.advance(step.key(), step.counter())).as("%s after %d", step, highest).isEqualTo(expected);
      if (expected) {
        model.put(step.key(), step.counter());
      }
    }
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Long> counters = Arbitraries.oneOf(Arbitraries.longs().between(0, 40),
        Arbitraries.of(Long.MAX_VALUE, -1L, Long.MIN_VALUE));
    return Combinators.combine(Arbitraries.of("a", "b"), counters).as(Step::new).list().ofMaxSize(25);
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
