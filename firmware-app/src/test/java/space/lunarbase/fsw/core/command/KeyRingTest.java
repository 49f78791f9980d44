package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.StartFailure;
import space.lunarbase.fsw.config.CommandSettings;
import space.lunarbase.fsw.config.HalSettings;
import space.lunarbase.fsw.config.InvalidConfigException;

/** Key files: the shipped development ring, and one clear line for every kind of bad file. */
class KeyRingTest {

  static final String SECRET = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @Test
  void theShippedDevelopmentRingLoadsAndSaysItIsForDevelopment() {
    KeyRing ring = KeyRing.load(Path.of("../deploy/keys/dev-keys.yml"));
    assertThat(ring.development()).isTrue();
    assertThat(ring.find("dev-operator")).map(CommandKey::role).contains(Role.OPERATOR);
    assertThat(ring.find("dev-range-safety")).map(CommandKey::role).contains(Role.RANGE_SAFETY);
    assertThat(ring.find("dev-operator").orElseThrow().toString()).doesNotContain(SECRET.substring(0, 8));
  }

  @Test
  void aDevelopmentRingIsRefusedOnRealHardware() {
    CommandSettings settings = CommandPath.settings("../deploy/keys/dev-keys.yml", 8, 5, 1);
    Throwable failure = catchThrowable(() -> new CommandFactory().keys(settings, HalSettings.of("real")));
    assertThat(failure).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("lunarbase.commands.key-file").hasMessageContaining("hal.mode=real");
    assertThat(new CommandFactory().keys(settings, HalSettings.of("sim")).current().size()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "keys: []                                                      | must be a non-empty list",
      "keys: [{id: ops, role: operator, secret: abcd}]               | keys[0] (ops): secret must be hex of at least 32 bytes",
      "keys: [{id: ops, role: pilot, secret: " + SECRET + "}]        | keys[0] (ops): role must be operator or range-safety",
      "keys: [{id: Ops!, role: operator, secret: " + SECRET + "}]    | keys[0]: id must be 1 to 64 of a-z",
      "keys: [{id: ops, role: operator, secret: zz" + SECRET + "}]   | keys[0] (ops): secret must be hex",
      "keys: [{id: ops, role: operator, secret: " + SECRET + ", x: 1}] | keys[0]: unknown entry",
      "keys: [{id: a, role: operator, secret: " + SECRET + "}, {id: a, role: operator, secret: " + SECRET + "}] | keys[1] (a): duplicate id",
      "secrets: []                                                   | unknown entry",
      "'keys: [unclosed'                                             | is not YAML",
  })
  void aBadKeyFileStopsTheStartWithOneLineNamingTheFileAndTheEntry(String content, String expected,
      @TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("keys.yml"), content);
    Throwable failure = catchThrowable(() -> Firmware.start(dir.resolve("data"),
        Map.of("lunarbase.commands.key-file", file.toString())).close());

    assertThat(failure).as("the start must fail").isNotNull();
    String line = StartFailure.describe(failure);
    assertThat(line).startsWith("lunarbase.commands.key-file: " + file).contains(expected).doesNotContain("\n");
  }

  @Test
  void aMissingKeyFileIsNamed(@TempDir Path dir) {
    Throwable failure = catchThrowable(() -> KeyRing.load(dir.resolve("nowhere.yml")));
    assertThat(failure).hasMessageContaining("nowhere.yml").hasMessageContaining("cannot be read");
  }
}
