package space.lunarbase.fsw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.core.value.MapPropertyResolver;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.StartFailure;

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
      "lunarbase.link.keepalive  | abc            | lunarbase.link.keepalive='abc' is not valid: use a duration such as 500ms, 30s, 5m or 2h",
      "lunarbase.link.keepalive  | 5              | lunarbase.link.keepalive='5' is not valid: use a duration",
      "lunarbase.link.max-inflight | x            | lunarbase.link.max-inflight='x' is not valid: use a whole number",
      "lunarbase.link.max-inflight | 99999999999  | lunarbase.link.max-inflight='99999999999' is not valid: use a whole number",
      "lunarbase.link.max-inflight | 2.5          | lunarbase.link.max-inflight='2.5' is not valid: use a whole number",
      "hal.sim-clock-rate        | fast           | hal.sim-clock-rate='fast' is not valid: use a number such as 1.5",
      "lunarbase.link.store-and-forward.enabled | maybe | lunarbase.link.store-and-forward.enabled='maybe' is not valid: use true or false",
      "lunarbase.link.max-packet-size | lots      | lunarbase.link.max-packet-size='lots' is not valid: use a size in bytes",
      "lunarbase.link.store-and-forward.segment-bytes | 4 MiB | lunarbase.link.store-and-forward.segment-bytes='4 MiB' is not valid: use a size in bytes",
  })
  void startStopsWithOneLineNamingTheKey(String key, String value, String expected, @TempDir Path data) {
    Throwable failure = catchThrowable(() -> Firmware.start(data, Map.of(key, value)).close());

    assertThat(failure).as("the start must fail").isNotNull();
    String line = StartFailure.describe(failure, new MapPropertyResolver(Firmware.properties(data, Map.of(key, value))));
    assertThat(line).startsWith(expected).doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "lunarbase.link.max-packet-size                | 64KB  | 65536",
      "lunarbase.link.store-and-forward.segment-bytes | 8MB   | 8388608",
      "lunarbase.link.store-and-forward.max-bytes     | 1GB   | 1073741824",
      "lunarbase.link.store-and-forward.max-bytes     | 65536000 | 65536000",
  })
  void sizesTakeAUnit(String key, String value, long bytes, @TempDir Path data) throws Exception {
    try (var firmware = Firmware.start(data, Map.of(key, value))) {
      var link = firmware.getBean(LinkSettings.class);
      var journal = firmware.getBean(StoreAndForwardSettings.class);
      long bound = switch (key) {
        case "lunarbase.link.max-packet-size" -> link.maxPacketSize();
        case "lunarbase.link.store-and-forward.segment-bytes" -> journal.segmentBytes();
        default -> journal.maxBytes();
      };
      assertThat(bound).isEqualTo(bytes);
    }
  }
}
