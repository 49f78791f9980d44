package space.lunarbase.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import space.lunarbase.ground.cli.SequenceFile.BadSequenceFile;
import space.lunarbase.proto.v1.Sequence;
import space.lunarbase.proto.v1.SequenceEntry;
import space.lunarbase.proto.v1.Value;

/** The sequence file format: every way of writing a time and an argument, and every error with its line. */
class SequenceFileTest {

  static final String NIGHT = """
      # charge overnight, then back to nominal
      name night-charge
      on-failure continue

      +00:00:05        core.NOOP                                     # 5 s after seq.RUN
      +2.5s            bank.SET_CHARGE_CURRENT amps=10.0
      +250ms           bank.SET_CHARGE_CURRENT amps:number=2
      2026-12-01T10:00:00Z core.SET_MODE subsystem=bank mode=MAINTENANCE
      2026-12-01T11:30:00.250+01:00 core.NOOP
      +0               core.SET_PARAM name=bank.charge-current-limit-a value:text="30"
      +1h              test.NOTE text="two words, a \\"quote\\" and a # sign" flag=true n=-3
      +01:00:00.000000001 core.NOOP
      """;

  @Test
  void aFileBecomesTheSequenceItSays() throws Exception {
    SequenceFile.Parsed parsed = SequenceFile.parse(NIGHT, "night.seq");
    Sequence sequence = parsed.sequence();

    assertThat(sequence.getName()).isEqualTo("night-charge");
    assertThat(sequence.getOnFailure()).isEqualTo(Sequence.OnFailure.ON_FAILURE_CONTINUE);
    assertThat(sequence.getEntriesList()).extracting(SequenceEntry::getCommand).containsExactly("core.NOOP",
        "bank.SET_CHARGE_CURRENT", "bank.SET_CHARGE_CURRENT", "core.SET_MODE", "core.NOOP", "core.SET_PARAM",
        "test.NOTE", "core.NOOP");
    assertThat(parsed.lines()).extracting(SequenceFile.Line::line).containsExactly(5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(sequence.getEntries(0).getRelativeNs()).isEqualTo(Duration.ofSeconds(5).toNanos());
    assertThat(sequence.getEntries(1).getRelativeNs()).isEqualTo(Duration.ofMillis(2500).toNanos());
    assertThat(sequence.getEntries(2).getRelativeNs()).isEqualTo(Duration.ofMillis(250).toNanos());
    assertThat(sequence.getEntries(3).getAbsoluteNs()).isEqualTo(nanos(Instant.parse("2026-12-01T10:00:00Z")));
    assertThat(sequence.getEntries(4).getAbsoluteNs()).isEqualTo(nanos(Instant.parse("2026-12-01T10:30:00.250Z")));
    assertThat(sequence.getEntries(5).hasRelativeNs()).as("+0 is a time, not none").isTrue();
    assertThat(sequence.getEntries(5).getRelativeNs()).isZero();
    assertThat(sequence.getEntries(6).getRelativeNs()).isEqualTo(Duration.ofHours(1).toNanos());
    assertThat(sequence.getEntries(7).getRelativeNs()).isEqualTo(Duration.ofHours(1).toNanos() + 1);

    assertThat(sequence.getEntries(1).getArgsMap()).containsEntry("amps", Value.newBuilder().setNumber(10).build());
    assertThat(sequence.getEntries(2).getArgsMap()).containsEntry("amps", Value.newBuilder().setNumber(2).build());
    assertThat(sequence.getEntries(3).getArgsMap()).containsEntry("subsystem", Value.newBuilder().setText("bank").build())
        .containsEntry("mode", Value.newBuilder().setText("MAINTENANCE").build());
    assertThat(sequence.getEntries(5).getArgsMap()).containsEntry("value", Value.newBuilder().setText("30").build());
    assertThat(sequence.getEntries(6).getArgsMap())
        .containsEntry("text", Value.newBuilder().setText("two words, a \"quote\" and a # sign").build())
        .containsEntry("flag", Value.newBuilder().setFlag(true).build())
        .containsEntry("n", Value.newBuilder().setInteger(-3).build());
  }

  @Test
  void theNameIsRequiredAndStopIsTheDefaultPolicy() throws Exception {
    Sequence sequence = SequenceFile.parse("name short\n+1s core.NOOP\n", "short.seq").sequence();
    assertThat(sequence.getOnFailure()).isEqualTo(Sequence.OnFailure.ON_FAILURE_STOP);
    assertThat(sequence.getEntriesCount()).isEqualTo(1);
  }

  @Test
  void everyMistakeIsNamedWithItsLine() {
    assertBad("+1s core.NOOP\n", "f.seq: no 'name <name>' line");
    assertBad("name x\n", "f.seq: no entries");
    assertBad("name x\nname y\n+1s core.NOOP\n", "f.seq:2: the name is given twice");
    assertBad("name bad name\n", "f.seq:1: write 'name <name>'");
    assertBad("name x\non-failure maybe\n", "f.seq:2: write 'on-failure stop' or 'on-failure continue'");
    assertBad("name x\non-failure stop\non-failure stop\n", "f.seq:3: on-failure is given twice");
    assertBad("name x\n\n+5 core.NOOP\n", "f.seq:3: '+5' is not a relative time");
    assertBad("name x\n+00:61:00 core.NOOP\n", "f.seq:2: '+00:61:00' is not a relative time");
    assertBad("name x\n+0.0000000001s core.NOOP\n", "f.seq:2: '+0.0000000001s' is not a relative time");
    assertBad("name x\n+1.5ms core.NOOP\n+0.0000001ms core.NOOP\n", "f.seq:3: '+0.0000001ms' is finer than a nanosecond");
    assertBad("name x\n2026-12-01 core.NOOP\n", "f.seq:2: '2026-12-01' is not a time");
    assertBad("name x\n2026-12-01T10:00:00 core.NOOP\n", "f.seq:2: '2026-12-01T10:00:00' is not a time");
    assertBad("name x\n+1s\n", "f.seq:2: '+1s' is not 'name', 'on-failure' or an entry");
    assertBad("name x\n+1s NOOP\n", "f.seq:2: 'NOOP' is not a command name");
    assertBad("name x\n+1s core.NOOP amps\n", "f.seq:2: 'amps' is not name=value");
    assertBad("name x\n+1s core.NOOP a=1 a=2\n", "f.seq:2: 'a=2': argument 'a' is given twice");
    assertBad("name x\n+1s core.NOOP a:float=1\n", "f.seq:2: 'a:float=1': unknown kind 'float'");
    assertBad("name x\n+1s core.NOOP a=\"open\n", "f.seq:2: a double quote is not closed");
  }

  @Test
  void wordsSplitAtBlanksKeepQuotesAndStopAtAComment() {
    assertThat(SequenceFile.words("  +1s\tcore.NOOP  a=\"b c\" # note")).containsExactly("+1s", "core.NOOP", "a=b c");
    assertThat(SequenceFile.words("v=a#b \"\" x")).containsExactly("v=a#b", "", "x");
    assertThat(SequenceFile.words("# all comment")).isEmpty();
  }

  @Test
  void relativeTimesFormatBackAsWritten() throws Exception {
    for (String text : new String[] {"+00:00:05.000", "+12:34:56.789", "+100:00:00.001"}) {
      assertThat(SequenceFile.format(SequenceFile.relative(text, ""))).isEqualTo(text);
    }
  }

  private static void assertBad(String text, String message) {
    assertThatThrownBy(() -> SequenceFile.parse(text, "f.seq")).isInstanceOf(BadSequenceFile.class)
        .message().startsWith(message);
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
