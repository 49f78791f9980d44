package space.lunarbase.fsw.app.rail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.config.InvalidConfigException;
import space.lunarbase.fsw.core.command.TestCommand;
import space.lunarbase.fsw.core.command.TestKeys;
import space.lunarbase.fsw.core.param.Parameters;
import space.lunarbase.hal.board.RailRatings;
import space.lunarbase.proto.v1.CommandAck.Reason;

/**
 * Parameters an interlock reads are protected, through the command path: an operator's SET_PARAM is
 * REJECTED WRONG_ROLE; range safety's only while the rail is SAFE (else ILLEGAL_IN_MODE), and only
 * to a value that keeps the cross-checks (the temperature band not empty, within the rail's rated
 * temperatures and arm time from its board description), else FAILED naming the rule. Other
 * parameters stay an operator's to tune.
 */
class ProtectedParameterTest {

  @TempDir
  Path data;

  @Test
  void anOperatorCannotMoveAnInterlockParameter() {
    try (RailTester tester = new RailTester(data)) {
      for (String name : List.of(RailParameters.TEMPERATURE_MAX_C, RailParameters.TEMPERATURE_MIN_C,
          RailParameters.ARM_WINDOW_S, RailParameters.ARM_SETTLE_S, RailParameters.SHOT_TIMEOUT_S)) {
        assertThat(tester.rejected(set(tester, name, "10"), Reason.REASON_WRONG_ROLE)).as(name)
            .isEqualTo(name + " is read by an interlock: only a range-safety key sets it; key test-operator is operator");
      }
      assertThat(tester.parameters.number(RailParameters.TEMPERATURE_MAX_C)).isEqualTo(60.0);
      assertThat(tester.completed(set(tester, RailParameters.EFFICIENCY, "0.4"))).isEqualTo("rail.efficiency = 0.4");
    }
  }

  @Test
  void rangeSafetyMovesThemOnlyWhileTheRailIsSafe() {
    try (RailTester tester = new RailTester(data)) {
      assertThat(tester.rejected(set(tester, RailParameters.ARM_WINDOW_S, "60").key(TestKeys.RANGE_SAFETY),
          Reason.REASON_ILLEGAL_IN_MODE)).isEqualTo("rail.arm-window-s is read by an interlock: it changes only while"
              + " the rail is SAFE; the rail's mode is NOMINAL (rail.SAFE, or core.SET_MODE subsystem=rail mode=SAFE,"
              + " first)");
      tester.charged();
      tester.armed();
      tester.completed(tester.command("core.SET_MODE").text("subsystem", "rail").text("mode", "SAFE"));
      assertThat(tester.rejected(set(tester, RailParameters.TEMPERATURE_MAX_C, "50").key(TestKeys.RANGE_SAFETY),
          Reason.REASON_ILLEGAL_IN_MODE)).as("mode SAFE, the sequence not yet").endsWith("the rail is ARMED");
      tester.cycle();
      assertThat(tester.completed(set(tester, RailParameters.TEMPERATURE_MAX_C, "50").key(TestKeys.RANGE_SAFETY)))
          .isEqualTo("rail.temperature-max-c = 50.0 degC");
      assertThat(tester.parameters.number(RailParameters.TEMPERATURE_MAX_C)).isEqualTo(50.0);
    }
  }

  @Test
  void aValueBreakingACrossCheckIsRefusedNamingTheRule() {
    try (RailTester tester = new RailTester(data)) {
      tester.completed(tester.command("rail.SAFE").key(TestKeys.RANGE_SAFETY));
      assertThat(tester.failed(set(tester, RailParameters.TEMPERATURE_MAX_C, "200").key(TestKeys.RANGE_SAFETY)))
          .isEqualTo("rail.temperature-max-c = 200.0 refused, unchanged: rail.temperature-max-c (200.0 degC) must be"
              + " within -80.0..80.0 degC, the hardware's rating (hal.board"
              + " rail.rated-temperature-min-c..rated-temperature-max-c)");
      assertThat(tester.failed(set(tester, RailParameters.TEMPERATURE_MIN_C, "70").key(TestKeys.RANGE_SAFETY)))
          .isEqualTo("rail.temperature-min-c = 70.0 refused, unchanged: rail.temperature-min-c (70.0) must be below"
              + " rail.temperature-max-c (60.0)");
      assertThat(tester.failed(set(tester, RailParameters.TEMPERATURE_MAX_C, "-60").key(TestKeys.RANGE_SAFETY)))
          .contains("rail.temperature-min-c (-60.0) must be below rail.temperature-max-c (-60.0)");
      assertThat(tester.failed(set(tester, RailParameters.ARM_WINDOW_S, "3600").key(TestKeys.RANGE_SAFETY)))
          .contains("rail.arm-window-s (3600.0 s) must be within 1.0..120.0 s, the hardware's rating (hal.board"
              + " rail.rated-arm-window-s)");
      assertThat(tester.parameters.number(RailParameters.TEMPERATURE_MIN_C)).isEqualTo(-60.0);
      assertThat(tester.parameters.number(RailParameters.TEMPERATURE_MAX_C)).isEqualTo(60.0);
      assertThat(tester.parameters.number(RailParameters.ARM_WINDOW_S)).isEqualTo(30.0);
      assertThat(tester.events("PARAMETER_CHANGED")).isEmpty();

      // a band moved upwards: the maximum first, then the minimum
      tester.completed(set(tester, RailParameters.TEMPERATURE_MAX_C, "75").key(TestKeys.RANGE_SAFETY));
      tester.completed(set(tester, RailParameters.TEMPERATURE_MIN_C, "65").key(TestKeys.RANGE_SAFETY));
      tester.completed(set(tester, RailParameters.ARM_WINDOW_S, "120").key(TestKeys.RANGE_SAFETY));
    }
  }

  @Test
  void theRatingsComeFromTheBoardDescription() {
    try (RailTester tester = new RailTester(data, true, new RailRatings(-70, 125, 600))) {
      tester.completed(tester.command("rail.SAFE").key(TestKeys.RANGE_SAFETY));
      tester.completed(set(tester, RailParameters.TEMPERATURE_MAX_C, "120").key(TestKeys.RANGE_SAFETY));
      tester.completed(set(tester, RailParameters.ARM_WINDOW_S, "600").key(TestKeys.RANGE_SAFETY));
      assertThat(tester.failed(set(tester, RailParameters.TEMPERATURE_MIN_C, "-75").key(TestKeys.RANGE_SAFETY)))
          .contains("must be within -70.0..125.0 degC");
    }
  }

  @Test
  void defaultsThatBreakARuleStopTheStartAndSavedValuesThatDoAreNotRestored() throws Exception {
    try (RailTester tester = new RailTester(data)) {
      Map<String, Object> config = new java.util.HashMap<>(shipped());
      config.put("lunarbase.parameters.rail.temperature-min-c", 70.0);
      assertThatThrownBy(() -> new Parameters(List.of(new RailParameters(tester.board, RailRatings.DEFAULT)),
          resolver(config), tester.path().controller, tester.path().events))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessage("lunarbase.parameters.rail.temperature-min-c: the defaults break a rule: rail.temperature-min-c"
              + " (70.0) must be below rail.temperature-max-c (60.0)");

      Path saved = data.resolve("parameters");
      Files.createDirectories(saved);
      // a file from a board rated hotter: max 100 is beyond this rail's rating, min 50 fine on its own
      new space.lunarbase.fsw.core.storage.CheckedTextFile(saved.resolve("values"), "# lunarbase parameters v1")
          .write("rail.temperature-min-c=50.0\nrail.temperature-max-c=100.0\n");
      Parameters restored = new Parameters(List.of(new RailParameters(tester.board, RailRatings.DEFAULT)),
          resolver(shipped()), tester.path().controller, tester.path().events);
      assertThat(restored.number(RailParameters.TEMPERATURE_MAX_C)).as("reverted: it broke its rating")
          .isEqualTo(60.0);
      assertThat(restored.number(RailParameters.TEMPERATURE_MIN_C)).as("kept: below the maximum it now has")
          .isEqualTo(50.0);
      assertThat(tester.events("PARAMETER_NOT_RESTORED")).extracting(e -> e.getText())
          .anySatisfy(t -> assertThat(t).contains("rail.temperature-max-c not restored: rail.temperature-max-c (100.0"
              + " degC) must be within -80.0..80.0 degC"));
    }
  }

  private static TestCommand set(RailTester tester, String name, String value) {
    return tester.command("core.SET_PARAM").text("name", name).text("value", value);
  }

  private static Map<String, Object> shipped() {
    return Map.of("lunarbase.parameters.rail.efficiency", 0.5, "lunarbase.parameters.rail.stage-energy-j", 50000.0,
        "lunarbase.parameters.rail.arm-settle-s", 0.5, "lunarbase.parameters.rail.arm-window-s", 30.0,
        "lunarbase.parameters.rail.shot-timeout-s", 2.0, "lunarbase.parameters.rail.temperature-min-c", -60.0,
        "lunarbase.parameters.rail.temperature-max-c", 60.0, "lunarbase.parameters.rail.speed-tolerance-pct", 2.0);
  }

  private static PropertySourcePropertyResolver resolver(Map<String, Object> values) {
    return new PropertySourcePropertyResolver(MapPropertySource.of("test", values));
  }
}
