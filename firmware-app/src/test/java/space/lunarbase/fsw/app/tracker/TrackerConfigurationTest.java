package space.lunarbase.fsw.app.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import space.lunarbase.fsw.Firmware;
import space.lunarbase.fsw.StartFailure;

/** A bad tracker setting stops the firmware's start with one line naming the key and what is allowed. */
class TrackerConfigurationTest {

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "lunarbase.tracker.site.body | mars | lunarbase.tracker.site.body='mars' is not valid: allowed values are moon, earth",
      "lunarbase.tracker.site.latitude-deg | -95 | lunarbase.tracker.site: latitude-deg must be within [-90.0, 90.0], was -95.0 (body moon)",
      "lunarbase.tracker.site.height-m | 30000 | lunarbase.tracker.site: height-m must be within [-20000.0, 20000.0], was 30000.0 (body moon)",
      "lunarbase.tracker.cable-wrap-limit-deg | 100 | lunarbase.tracker.cable-wrap-limit-deg='100.0' is not valid: use a number from 180.0 to 1800.0",
      "lunarbase.tracker.elevation-max-deg | -10 | lunarbase.tracker.elevation-max-deg='-10.0' is not valid: must be above lunarbase.tracker.elevation-min-deg",
      "lunarbase.tracker.control-period | 3ms | lunarbase.tracker.control-period='PT0.003S' is not valid: use a duration from PT0.01S",
      "lunarbase.tracker.control-period | 15ms | lunarbase.tracker.control-period='PT0.015S' is not valid: no rate group runs at a whole fraction of it",
      "lunarbase.parameters.tracker.unwind-at-deg | 600 | lunarbase.parameters.tracker.unwind-at-deg='600.0' is not valid: parameter tracker.unwind-at-deg must be 180.0..535.0 deg",
      "hal.sim-start | yesterday | hal.sim-start='yesterday' is not valid: give a UTC instant",
  })
  void aBadTrackerSettingStopsTheStartWithOneLine(String key, String value, String expected, @TempDir Path data) {
    Throwable failure = catchThrowable(() -> Firmware.start(data, Map.of(key, value)).close());

    assertThat(failure).as("the start must fail").isNotNull();
    assertThat(StartFailure.describe(failure)).startsWith(expected).doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"moon | -89.9 | 0", "earth | 39.742476 | -105.1786"})
  void anEarthRigOrALunarSiteStarts(String body, double latitude, double longitude, @TempDir Path data) {
    try (var firmware = Firmware.start(data, Map.of("lunarbase.tracker.site.body", body,
        "lunarbase.tracker.site.latitude-deg", latitude, "lunarbase.tracker.site.longitude-deg", longitude))) {
      assertThat(firmware.getBean(TrackerController.class).present()).isTrue();
    }
  }
}
