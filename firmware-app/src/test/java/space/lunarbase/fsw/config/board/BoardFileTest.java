package space.lunarbase.fsw.config.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.hal.board.BankWiring;
import space.lunarbase.hal.board.BoardDescription;
import space.lunarbase.hal.board.RailRatings;

/** Board files parse to hal's records, and every mistake in one is named by its entry. */
class BoardFileTest {

  @Test
  void theShippedDemoFileIsTheBuiltInDemoBoard() {
    BoardDescription file = BoardFile.read(BoardFiles.demo().toString());

    assertThat(file).isEqualTo(BoardDescription.demo());
    assertThat(file.bank().orElseThrow().cells()).hasSize(12);
  }

  @Test
  void aBoardMayDescribeOneFamilyOnly(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("rail.yml"), """
        rail:
          id: rail-2
          spi-bus: 1
          chip-select: 2
          baud: 1000000
          breech-latched-pin: 5
          rail-clear-pin: 6
          arm-pin: 13
          fire-permit-pin: 26
          gate-positions-m: [0.5, 1.5]
          coil-positions-m: [1]
        """);

    BoardDescription board = BoardFile.read(file.toString());

    assertThat(board.bank()).isEmpty();
    assertThat(board.tracker()).isEmpty();
    assertThat(board.rail().orElseThrow().gatePositionsM()).containsExactly(0.5, 1.5);
    assertThat(board.rail().orElseThrow().spiBus()).isEqualTo(1);
    assertThat(board.rail().orElseThrow().ratings()).as("no rated-... keys: the defaults")
        .isEqualTo(RailRatings.DEFAULT);
  }

  @Test
  void aRailsRatingsAreRead(@TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, "rated-temperature-max-c: 80\n  rated-arm-window-s: 120",
        "rated-temperature-max-c: 125\n  rated-arm-window-s: 45");

    assertThat(BoardFile.read(file.toString()).rail().orElseThrow().ratings())
        .isEqualTo(new RailRatings(-80, 125, 45));
  }

  @Test
  void demoIsBuiltInAndTakesItsPackMonitorFromLunarbaseBank() {
    BankWiring pack = new BankWiring("bank-7", 1, 0x41, 0.001, 50);

    assertThat(BoardDescriptions.resolve(" Demo ", () -> pack).bank().orElseThrow().pack()).isEqualTo(pack);
  }

  @Test
  void aFileBoardNeverAsksForLunarbaseBank() {
    BoardDescription board = BoardDescriptions.resolve(BoardFiles.demo().toString(), () -> {
      throw new AssertionError("lunarbase.bank.* must not be used for a board file");
    });

    assertThat(board.bank().map(b -> b.pack().id())).isEqualTo(Optional.of("bank-1"));
  }

  /** One edit of demo.yml: {@code from} replaced by {@code to}. */
  record Edit(String name, String from, String to, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Edit> sameBoard() {
    return Stream.of(
        new Edit("09 is decimal nine", "pin:  9}", "pin: 09}", ""),
        new Edit("010 is decimal ten, not YAML 1.1 octal", "pin: 10}", "pin: 010}", ""),
        new Edit("quoted hex is a number", "address: 0x40", "address: '0x40'", ""),
        new Edit("ISO-8601 duration", "settle: 100ms}\n  discharge", "settle: PT0.1S}\n  discharge", ""),
        new Edit("hex for a whole number", "charger-pwm-hz: 1000", "charger-pwm-hz: 0x3E8", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sameBoard")
  void scalarsAreReadAsWritten(Edit edit, @TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, unescape(edit.from()), unescape(edit.to()));

    assertThat(BoardFile.read(file.toString())).isEqualTo(BoardDescription.demo());
  }

  static Stream<Edit> mistakes() {
    return Stream.of(
        new Edit("yes is not a boolean", "true, settle: 100ms}\n  discharge", "yes, settle: 100ms}\n  discharge",
            "bank.main.feedback-high-when-closed: expected true or false, got 'yes'"),
        new Edit("key given twice", "charger-pwm-hz: 1000", "charger-pwm-hz: 1000\n  charger-pwm-hz: 500",
            "bank.charger-pwm-hz: key given twice (first on line 41)"),
        new Edit("hal's check of one record", "address: 0x40", "address: 0x60",
            "bank.pack: BankWiring.address must be an INA226 address 0x40..0x4F, was 0x60"),
        new Edit("hal's check of a nested record", "sun-sensor-adc: {bus: 1", "sun-sensor-adc: {bus: 40",
            "tracker.sun-sensor-adc: I2C bus must be 0..31 (/dev/i2c-<bus>), was 40"),
        new Edit("a list expected", "[0x20]", "0x20", "bank.expander-addresses: expected a list, got '0x20'"),
        new Edit("a mapping expected", "azimuth-encoder: {bus: 1, address: 0x36}", "azimuth-encoder: 0x36",
            "tracker.azimuth-encoder: expected a mapping with keys bus, address, got '0x36'"),
        new Edit("unknown section", "tracker:\n  id:", "trackr:\n  id:",
            "trackr: unknown key; allowed: bank, tracker, rail"),
        new Edit("nothing given", "baud: 4000000", "baud:",
            "rail.baud: expected a whole number (decimal or 0x hex), got nothing"),
        new Edit("a fraction for a whole number", "chip-select: 0", "chip-select: 0.5",
            "rail.chip-select: expected a whole number (decimal or 0x hex), got '0.5'"),
        new Edit("a bad duration", "true, settle: 100ms}\n  discharge", "true, settle: soon}\n  discharge",
            "bank.main.settle: expected a duration like 100ms or 2s, got 'soon'"),
        new Edit("a rating band upside down", "rated-temperature-min-c: -80", "rated-temperature-min-c: 90",
            "rail: RailRatings: temperatureMinC must be below temperatureMaxC, both finite, was 90.0..80.0"),
        new Edit("a rating that is no number", "rated-arm-window-s: 120", "rated-arm-window-s: long",
            "rail.rated-arm-window-s: expected a number, got 'long'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void mistakesAreNamedByTheirEntry(Edit edit, @TempDir Path dir) {
    Path file = BoardFiles.demoWith(dir, unescape(edit.from()), unescape(edit.to()));

    assertThatThrownBy(() -> BoardFile.read(file.toString()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("hal.board: " + file + ": " + edit.expected());
  }

  @Test
  void anAliasRepeatsItsAnchor(@TempDir Path dir) throws IOException {
    String mechanics = "{full-steps-per-rev: 200, microsteps: 16, gear-ratio: 100}";
    String text = Files.readString(BoardFiles.demo())
        .replace("azimuth-mechanics: " + mechanics, "azimuth-mechanics: &demo-axis " + mechanics)
        .replace("elevation-mechanics: " + mechanics, "elevation-mechanics: *demo-axis");
    Path file = Files.writeString(dir.resolve("alias.yml"), text);

    assertThat(text).contains("*demo-axis");
    assertThat(BoardFile.read(file.toString())).isEqualTo(BoardDescription.demo());
  }

  @Test
  void anEmptyFileOrAFolderIsNoBoard(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.yml"), "# nothing yet\n");

    assertThatThrownBy(() -> BoardFile.read(empty.toString()))
        .hasMessage("hal.board: " + empty + ": is empty; a board file has at least one of bank, tracker, rail");
    assertThatThrownBy(() -> BoardFile.read(dir.toString()))
        .hasMessage("hal.board: " + dir + ": is a folder; hal.board is 'demo' or the path of a YAML board file");
  }

  @Test
  void aBoardWithoutFamiliesIsRejectedByHal(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("none.yml"), "{}\n");

    assertThatThrownBy(() -> BoardFile.read(file.toString()))
        .hasMessage("hal.board: " + file + ": board describes no device");
  }

  @Test
  void textThatIsNotUtf8CannotBeRead(@TempDir Path dir) throws IOException {
    Path file = Files.write(dir.resolve("latin1.yml"), new byte[] {'r', 'a', 'i', 'l', ':', ' ', (byte) 0xE9, '\n'});

    assertThatThrownBy(() -> BoardFile.read(file.toString()))
        .hasMessage("hal.board: " + file + ": cannot read: not UTF-8 text");
  }

  private static String unescape(String text) {
    return text.replace("\\n", "\n");
  }
}
