package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.ground.cli.CounterStore.BadStateFile;

/** The per-key counter state of {@code lunarctl send}: monotonic, from the clock, written atomically. */
class CounterStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-30T03:40:00.123456789Z");
  private static final long T0_MICROS = 1_796_010_000_123_456L;

  @Test
  void theFirstCounterOfAKeyIsTheClockInMicroseconds(@TempDir Path dir) throws Exception {
    assertThat(CounterStore.micros(T0)).isEqualTo(T0_MICROS);

    assertThat(store(dir, T0).next("dev-operator", null)).isEqualTo(T0_MICROS);
  }

  @Test
  void withTheClockStandingStillOrGoingBackItRisesByOne(@TempDir Path dir) throws Exception {
    CounterStore store = store(dir, T0);
    long first = store.next("dev-operator", null);

    assertThat(store.next("dev-operator", null)).isEqualTo(first + 1);
    assertThat(store(dir, T0.minusSeconds(3600)).next("dev-operator", null)).isEqualTo(first + 2);
    assertThat(store(dir, T0.plusSeconds(1)).next("dev-operator", null)).isEqualTo(T0_MICROS + 1_000_000);
  }

  @Test
  void keysCountSeparatelyAndTheFileSurvivesTheProcess(@TempDir Path dir) throws Exception {
    store(dir, T0).next("dev-operator", null);
    store(dir, T0).next("dev-operator", null);
    store(dir, T0).next("dev-range-safety", null);

    assertThat(new CounterStore(dir, Clock.systemUTC()).read())
        .containsEntry("dev-operator", T0_MICROS + 1).containsEntry("dev-range-safety", T0_MICROS).hasSize(2);
    assertThat(Files.readAllLines(dir.resolve("counters"))).containsExactly("# lunarbase lunarctl counters v1",
        "# lunarctl send: the last command counter used per key id (see ground/README.md, \"Send\")",
        "dev-operator " + (T0_MICROS + 1), "dev-range-safety " + T0_MICROS);
  }

  @Test
  void anExplicitCounterIsUsedAndOnlyRaisesTheRecord(@TempDir Path dir) throws Exception {
    CounterStore store = store(dir, T0);
    long first = store.next("k", null);

    assertThat(store.next("k", 5L)).isEqualTo(5);
    assertThat(store.read()).containsEntry("k", first);
    assertThat(store.next("k", first + 1000)).isEqualTo(first + 1000);
    assertThat(store.next("k", null)).isEqualTo(first + 1001);
    assertThat(store.next("k", -2L)).isEqualTo(-2L);
    assertThat(store.next("k", null)).as("2^64 - 1, unsigned").isEqualTo(-1L);
    assertThatThrownBy(() -> store.next("k", null)).isInstanceOf(BadStateFile.class)
        .hasMessageContaining("is at its maximum (18446744073709551615); the key needs a new id");
  }

  @Test
  void concurrentSendersNeverGetTheSameCounter(@TempDir Path dir) throws Exception {
    CounterStore store = store(dir, T0);
    List<Callable<Long>> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tasks.add(() -> store(dir, T0).next("dev-operator", null));
    }
    List<Long> counters = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Long> counter : pool.invokeAll(tasks)) {
        counters.add(counter.get());
      }
    }

    assertThat(counters).doesNotHaveDuplicates().hasSize(200)
        .allSatisfy(c -> assertThat(c).isBetween(T0_MICROS, T0_MICROS + 199));
    assertThat(store.read()).containsEntry("dev-operator", T0_MICROS + 199);
  }

  @Test
  void eachUpdateReplacesTheFileByRenameAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
    CounterStore store = store(dir, T0);
    store.next("k", null);
    Object before = Files.readAttributes(dir.resolve("counters"), BasicFileAttributes.class).fileKey();
    String oldText = Files.readString(dir.resolve("counters"));

    store.next("k", null);

    assertThat(Files.readAttributes(dir.resolve("counters"), BasicFileAttributes.class).fileKey())
        .as("a new file renamed over the old one, never the old one rewritten in place").isNotEqualTo(before);
    assertThat(oldText).contains("k " + T0_MICROS + "\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("counters", "counters.lock");
    }
  }

  @Test
  void aTemporaryFileLeftByACrashIsIgnored(@TempDir Path dir) throws Exception {
    CounterStore store = store(dir, T0);
    store.next("k", null);
    Files.writeString(dir.resolve("counters.tmp-0123456789abcdef"), "k 99999999999999999");

    assertThat(store.next("k", null)).isEqualTo(T0_MICROS + 1);
  }

  @Test
  void aDamagedFileIsReportedWithItsLineAndNotOverwritten(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("counters"), "# comment\n\nk 12\nk twelve\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> store(dir, T0).next("k", null)).isInstanceOf(BadStateFile.class)
        .hasMessage(dir.resolve("counters") + ": line 4 is not '<key-id> <counter>'; fix or remove the line"
            + " (the next counter then comes from the clock)");
    assertThat(Files.readString(dir.resolve("counters"))).endsWith("k twelve\n");
  }

  @Test
  void theFolderIsCreatedWhenMissing(@TempDir Path dir) throws Exception {
    Path nested = dir.resolve("home/.lunarbase");

    assertThat(store(nested, T0).next("k", null)).isEqualTo(T0_MICROS);
    assertThat(nested.resolve("counters")).exists();
  }

  @Test
  void theFileAsVersionOneWroteItIsReadAndCountedOn(@TempDir Path dir) throws Exception {
    try (var golden = getClass().getResourceAsStream("/golden/lunarctl-counters/v1/counters")) {
      Files.write(dir.resolve("counters"), golden.readAllBytes());
    }
    assertThat(store(dir, T0).read()).containsEntry("ops-1", T0_MICROS).containsEntry("rs-1", 42L);
    assertThat(store(dir, T0).next("ops-1", null)).isEqualTo(T0_MICROS + 1);
    assertThat(Files.readString(dir.resolve("counters"))).startsWith("# lunarbase lunarctl counters v1\n")
        .contains("rs-1 42\n");
  }

  @Test
  void aFileOfALaterVersionIsRefusedAndNotOverwritten(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("counters"), "# lunarbase lunarctl counters v2\nops-1 7 at=2030\n");
    assertThatThrownBy(() -> store(dir, T0).next("ops-1", null)).isInstanceOf(BadStateFile.class)
        .hasMessage(dir.resolve("counters") + " is lunarctl counters format version 2; this lunarctl reads up to"
            + " version 1: use the lunarctl that wrote it (or a later one)");
    assertThat(Files.readString(dir.resolve("counters"))).contains("ops-1 7 at=2030");
  }

  private static CounterStore store(Path dir, Instant now) {
    return new CounterStore(dir, Clock.fixed(now, ZoneOffset.UTC));
  }
}
