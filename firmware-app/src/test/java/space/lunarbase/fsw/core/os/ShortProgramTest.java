package space.lunarbase.fsw.core.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A short program's exit code and words, a program that hangs killed at the timeout, one that cannot start. */
class ShortProgramTest {

  @Test
  void anEndedProgramGivesItsExitCodeAndWhatItPrinted() throws Exception {
    ShortProgram.Ended ended = ShortProgram.run(List.of("sh", "-c", "echo to-out; echo to-err >&2; exit 3"),
        Duration.ofSeconds(10));
    assertThat(ended.exitCode()).isEqualTo(3);
    assertThat(ended.succeeded()).isFalse();
    assertThat(ended.output()).contains("to-out").contains("to-err");
    assertThat(ShortProgram.run(List.of("true"), Duration.ofSeconds(10)).succeeded()).isTrue();
  }

  @Test
  void aProgramStillRunningAtTheTimeoutIsKilledAndSaidSo() {
    long start = System.nanoTime();
    assertThatThrownBy(() -> ShortProgram.run(List.of("sleep", "30"), Duration.ofMillis(300)))
        .isInstanceOf(ShortProgram.TimedOut.class).hasMessage("sleep did not finish within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aProgramThatCannotStartIsTheStartsIoException() {
    assertThatThrownBy(() -> ShortProgram.run(List.of("/nonexistent/program"), Duration.ofSeconds(1)))
        .isInstanceOf(IOException.class).isNotInstanceOf(ShortProgram.TimedOut.class)
        .hasMessageContaining("/nonexistent/program");
  }
}
