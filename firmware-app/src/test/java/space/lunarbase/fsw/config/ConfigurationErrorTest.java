package space.lunarbase.fsw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.StartFailure;
import space.lunarbase.fsw.Firmware;

/** Bad configuration stops the start with one line naming the key and what is allowed. */
class ConfigurationErrorTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "hal.mode                  | quantum        | hal.mode='quantum' is not valid: allowed values are sim, real",
      "lunarbase.link.broker-url | mqtt:/nowhere  | lunarbase.link.broker-url='mqtt:/nowhere' is not valid: use tcp://host:port or ssl://host:port",
      "lunarbase.link.broker-url | tcp://a b:1883 | lunarbase.link.broker-url='tcp://a b:1883' is not valid",
      "lunarbase.controller      | ctl/1          | lunarbase.controller='ctl/1' is not valid: use 1 to 64 of a-z, 0-9 and '-'",
      "lunarbase.controller      | ctl+           | lunarbase.controller='ctl+' is not valid: use 1 to 64 of a-z, 0-9 and '-'",
      "lunarbase.site            | Site#1         | lunarbase.site='Site#1' is not valid",
      "lunarbase.bank.sample-period | 1ms         | lunarbase.bank.sample-period='PT0.001S' is not valid: use a duration from PT0.01S",
      "lunarbase.bank.address    | 96             | lunarbase.bank: ",
      "lunarbase.bank.shunt-ohms | -0.002         | lunarbase.bank: ",
      "lunarbase.bank.id         | Bank_1         | lunarbase.bank.id='Bank_1' is not valid",
      "lunarbase.rate-groups.fast | quick         | lunarbase.rate-groups.fast='quick' is not valid: use a rate from 0.01Hz to 10000Hz",
      "lunarbase.rate-groups.fast | 20kHz         | lunarbase.rate-groups.fast='20kHz' is not valid",
      "lunarbase.bank.fast-sample-period | 3ms    | lunarbase.bank.fast-sample-period='PT0.003S' is not valid: no rate group runs at a whole fraction of it",
      "lunarbase.watchdog.stuck-periods | 1       | lunarbase.watchdog.stuck-periods='1' is not valid",
      "lunarbase.sequences.slots | 0              | lunarbase.sequences.slots='0' is not valid: use a whole number from 1 to 16",
      "lunarbase.sequences.max-entries | 5000     | lunarbase.sequences.max-entries='5000' is not valid: use a whole number from 1 to 1000",
      "lunarbase.sequences.max-bytes | 20000      | lunarbase.sequences.max-bytes='20000' is not valid: use a whole number from 64 to 15360",
      "lunarbase.sequences.late-limit | 50ms      | lunarbase.sequences.late-limit='PT0.05S' is not valid: use a duration from PT0.1S",
      "lunarbase.sequences.check-period | 15ms    | lunarbase.sequences.check-period='PT0.015S' is not valid: no rate group runs at a whole fraction of it",
      "lunarbase.bank.max-current-a | 20          | lunarbase.bank.max-current-a='20.0' is not valid: the pack monitor must measure the pack current's red limit (1.1 x the charger's 100.0 A) of 110.0 A",
      "lunarbase.bank.management.period | 2s      | lunarbase.bank.management.period='PT2S' is not valid: use a duration from PT0.01S to PT1S",
  })
  void startStopsWithOneLineNamingTheKey(String key, String value, String expected, @TempDir Path data) {
    Throwable failure = catchThrowable(() -> Firmware.start(data, Map.of(key, value)).close());

    assertThat(failure).as("the start must fail").isNotNull();
    String line = StartFailure.describe(failure);
    assertThat(line).startsWith(expected).doesNotContain("\n");
  }
}
