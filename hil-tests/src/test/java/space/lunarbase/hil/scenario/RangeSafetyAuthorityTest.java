package space.lunarbase.hil.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.hil.rig.Args;
import space.lunarbase.hil.rig.EventMatch;
import space.lunarbase.hil.rig.Operator;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.proto.v1.CommandAck.Reason;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.CommandBody;
import space.lunarbase.proto.v1.ParameterValue;
import space.lunarbase.proto.v1.RangeSafetyHold;
import space.lunarbase.proto.v1.Value;

/**
 * Scenario 8, range safety's authority with the firmware as a process: what range safety makes SAFE
 * stays SAFE, across a restart, until a range-safety key releases it (an operator's SET_MODE is
 * REJECTED HELD; tlm/core, /health and events show the hold); the parameters the rail's interlocks
 * read are range safety's alone, only while the rail is SAFE and only within the rail's rating; a
 * command signed to expire months ahead is refused.
 */
class RangeSafetyAuthorityTest {

  static final String RANGE_SAFETY = "dev-range-safety";

  @RegisterExtension
  final Scenario scenario = Scenario.of("8", "Range safety's authority",
      "rail.SAFE holds the rail SAFE across a restart until range safety releases it; interlock parameters are"
          + " range safety's, rail SAFE only, within the rail's rating; expiry months ahead refused.");

  @Test
  void whatRangeSafetyMadeSafeStaysSafeAcrossARestartUntilRangeSafetyReleasesIt() {
    Rig rig = scenario.start(RigOptions.defaults());
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "rail", "mode", "NOMINAL"), Status.STATUS_COMPLETED);

    Mark safed = rig.mark();
    rig.sendAndAwaitAck(RANGE_SAFETY, "rail.SAFE", Args.none(), Status.STATUS_COMPLETED);
    assertThat(rig.awaitEvent(safed, EventMatch.named("HOLD_SET"), e -> true, Rig.TIMEOUT).getArgsMap())
        .containsEntry("subsystem", "rail").containsEntry("key", RANGE_SAFETY);
    RangeSafetyHold hold = rig.awaitTelemetry(safed, "core", f -> f.getCore().getHoldsCount() > 0, Rig.TIMEOUT)
        .getCore().getHolds(0);
    assertThat(hold.getSubsystem()).isEqualTo("rail");
    assertThat(hold.getCause()).contains("rail.SAFE");

    var held = rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "rail", "mode", "NOMINAL"),
        Status.STATUS_REJECTED);
    assertThat(held.last().getReason()).isEqualTo(Reason.REASON_HELD);
    assertThat(held.last().getText()).startsWith("rail is held SAFE by range safety since")
        .contains("only a range-safety key releases it");
    assertThat(rig.sendAndAwaitAck("rail.ARM", Args.none(), Status.STATUS_REJECTED).last().getReason())
        .isEqualTo(Reason.REASON_ILLEGAL_IN_MODE);
    JsonNode rail = rig.health().path("details").path("rail");
    assertThat(rail.path("status").asText()).isEqualTo("HELD");
    assertThat(rail.path("details").path("rangeSafetyHold").asText()).contains("key " + RANGE_SAFETY);

    // a restart is no way around it
    rig.stopController();
    rig.startController();
    Mark restarted = rig.mark();
    rig.awaitTelemetry(restarted, "core", f -> f.getCore().getHoldsList().stream()
        .anyMatch(h -> h.getSubsystem().equals("rail")), Rig.TIMEOUT);
    assertThat(rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "rail", "mode", "NOMINAL"),
        Status.STATUS_REJECTED).last().getReason()).isEqualTo(Reason.REASON_HELD);
    assertThat(rig.sendAndAwaitAck("core.RELEASE_HOLD", Args.of("subsystem", "rail"), Status.STATUS_REJECTED)
        .last().getReason()).as("an operator cannot release it").isEqualTo(Reason.REASON_WRONG_ROLE);

    Mark released = rig.mark();
    rig.sendAndAwaitAck(RANGE_SAFETY, "core.RELEASE_HOLD", Args.of("subsystem", "rail"), Status.STATUS_COMPLETED);
    rig.awaitEvent(released, EventMatch.named("HOLD_RELEASED"), e -> "rail".equals(e.getArgsMap().get("subsystem")),
        Rig.TIMEOUT);
    rig.awaitTelemetry(released, "core", f -> f.getCore().getHoldsCount() == 0, Rig.TIMEOUT);
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "rail", "mode", "NOMINAL"), Status.STATUS_COMPLETED);
    assertThat(rig.health().path("details").path("rail").path("status").asText()).isEqualTo("UP");

    // a command signed to expire months ahead (lunarctl --expires 9600h) is not taken
    CommandBody far = rig.operator().body("core.NOOP", Args.none(), Rig.OPERATOR_KEY).toBuilder()
        .setExpiresNs(Operator.nanos(rig.simNow().plus(Duration.ofHours(9600)))).build();
    var tooFar = rig.publishAndAwaitAck(rig.operator().sign(far, Rig.OPERATOR_KEY), "expires in 9600 h",
        Status.STATUS_REJECTED);
    assertThat(tooFar.last().getReason()).isEqualTo(Reason.REASON_EXPIRY_TOO_FAR);
    assertThat(rig.health().path("details").path("clockSync").path("status").asText()).isEqualTo("UP");
    rig.note("hold set by rail.SAFE, kept across a SIGTERM restart, released by core.RELEASE_HOLD (range safety)");
  }

  @Test
  void interlockParametersAreRangeSafetysOnlyWhileTheRailIsSafeAndWithinItsRating() {
    Rig rig = scenario.start(RigOptions.defaults());
    Mark start = rig.mark();
    assertThat(setParam(rig, Rig.OPERATOR_KEY, "rail.temperature-max-c", "200", Status.STATUS_REJECTED).getReason())
        .isEqualTo(Reason.REASON_WRONG_ROLE);
    assertThat(setParam(rig, Rig.OPERATOR_KEY, "rail.arm-window-s", "3600", Status.STATUS_REJECTED).getReason())
        .isEqualTo(Reason.REASON_WRONG_ROLE);
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "rail", "mode", "NOMINAL"), Status.STATUS_COMPLETED);
    var nominal = setParam(rig, RANGE_SAFETY, "rail.temperature-max-c", "50", Status.STATUS_REJECTED);
    assertThat(nominal.getReason()).isEqualTo(Reason.REASON_ILLEGAL_IN_MODE);
    assertThat(nominal.getText()).contains("changes only while the rail is SAFE");

    rig.sendAndAwaitAck(RANGE_SAFETY, "rail.SAFE", Args.none(), Status.STATUS_COMPLETED);
    assertThat(setParam(rig, RANGE_SAFETY, "rail.temperature-max-c", "200", Status.STATUS_FAILED).getText())
        .contains("must be within -80.0..80.0 degC, the hardware's rating");
    assertThat(setParam(rig, RANGE_SAFETY, "rail.temperature-min-c", "70", Status.STATUS_FAILED).getText())
        .contains("rail.temperature-min-c (70.0) must be below rail.temperature-max-c (60.0)");
    assertThat(setParam(rig, RANGE_SAFETY, "rail.arm-window-s", "3600", Status.STATUS_FAILED).getText())
        .contains("must be within 1.0..120.0 s, the hardware's rating (hal.board rail.rated-arm-window-s)");
    rig.assertNoEvent(EventMatch.named("PARAMETER_CHANGED"), start);

    Mark changed = rig.mark();
    setParam(rig, RANGE_SAFETY, "rail.temperature-max-c", "50", Status.STATUS_COMPLETED);
    ParameterValue max = rig.awaitTelemetry(changed, "params", f -> f.getParams().getChanged()
        .equals("rail.temperature-max-c"), Rig.TIMEOUT).getParams().getParametersList().stream()
        .filter(p -> p.getName().equals("rail.temperature-max-c")).findFirst().orElseThrow();
    assertThat(max.getValue().getNumber()).isEqualTo(50.0);
    assertThat(max.getInterlock()).isTrue();
  }

  private static space.lunarbase.proto.v1.CommandAck setParam(Rig rig, String key, String name, String value,
      Status expected) {
    Map<String, Value> args = Args.of("name", name, "value", value);
    return rig.sendAndAwaitAck(key, "core.SET_PARAM", args, expected).last();
  }
}
