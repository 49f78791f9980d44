package space.lunarbase.fsw.core.fdir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.command.CommandTester;
import space.lunarbase.fsw.core.health.SubsystemHealth;
import space.lunarbase.fsw.core.mode.Mode;
import space.lunarbase.fsw.core.mode.Modes;
import space.lunarbase.proto.v1.Event;
import space.lunarbase.testkit.MosquittoExtension;

/**
 * The rail and the tracker made safe each on its own by a {@link SafingTable.Rule} through
 * {@link SiteSafing}, in the firmware on the simulated board: the simulated chips, pins and plants
 * end safe, the other families are left exactly as they were, and the events, modes and health say so.
 */
class RailAndTrackerSafingTest {

  @RegisterExtension
  static final MosquittoExtension broker = new MosquittoExtension();

  CommandTester tester;
  SimulatedSite site;
  Modes modes;
  SiteSafing safing;
  SubsystemHealth health;

  @BeforeEach
  void start(@TempDir Path data) {
    tester = CommandTester.start(data, broker.url(), java.util.Map.of(), 1);
    site = new SimulatedSite(tester.firmware());
    modes = tester.firmware().getBean(Modes.class);
    safing = tester.firmware().getBean(SiteSafing.class);
    health = tester.firmware().getBean(SubsystemHealth.class);
    site.armRail();
    site.enableTracker();
    site.chargeBank(modes);
    modes.set("rail", Mode.NOMINAL, "test: rail in use");
  }

  @AfterEach
  void stop() {
    tester.close();
  }

  @Test
  void railSafingDisarmsTheFrontEndAndDropsArmAndPermitAndTouchesNothingElse() {
    safing.safe(new SafingTable.Rule(SafingTable.Trigger.RED_LIMIT, "rail.coil_", Set.of("rail")),
        "rail.coil_3_temperature RED_HI: 180.0 degC beyond 150.0");

    site.assertRail(false);
    site.assertBankCharging();
    assertThat(modes.snapshot()).containsEntry("rail", Mode.SAFE).containsEntry("tracker", Mode.NOMINAL)
        .containsEntry("bank", Mode.MAINTENANCE);
    Event event = tester.awaitEvent("SAFING", e -> true);
    assertThat(event.getArgsMap()).containsEntry("subsystems", "rail").containsEntry("rule", "RED_LIMIT rail.coil_");
    Event mode = tester.awaitEvent("MODE_CHANGED", e -> "rail".equals(e.getArgsMap().get("subsystem"))
        && "SAFE".equals(e.getArgsMap().get("to")));
    assertThat(mode.getArgsMap().get("cause")).startsWith(SiteSafing.CAUSE_PREFIX).contains("rail.coil_3_temperature");
    assertThat(health.report("rail").status()).isEqualTo(SubsystemHealth.SAFED);
    // an idle tracker's pointing error does not apply: nothing wrong with the tracker
    assertThat(health.report("tracker").status().getName()).isEqualTo("UP");
    assertThat(tester.recorder().on(CommandTester.EVT)).noneMatch(m -> event(m).getName().equals("SAFING_STEP_FAILED"));
  }

  @Test
  void trackerSafingMakesTheTrackerSafeAndTouchesNothingElse() {
    // the tracker's own response (stow, then drivers off; FAULT with drivers off if it cannot move)
    // is its controller's: app/tracker/TrackerControllerTest. Here: the mode, the events, the rest untouched.
    safing.safe(new SafingTable.Rule(SafingTable.Trigger.FAULT, "TRACKER_ENCODER_LOST", Set.of("tracker")),
        "azimuth encoder lost");

    site.assertRail(true);
    site.assertBankCharging();
    assertThat(modes.snapshot()).containsEntry("tracker", Mode.SAFE).containsEntry("rail", Mode.NOMINAL)
        .containsEntry("bank", Mode.MAINTENANCE);
    Event event = tester.awaitEvent("SAFING", e -> true);
    assertThat(event.getArgsMap()).containsEntry("subsystems", "tracker")
        .containsEntry("cause", "azimuth encoder lost");
    assertThat(health.report("tracker").status()).isEqualTo(SubsystemHealth.SAFED);
    assertThat(health.report("tracker").details()).containsEntry("mode", "SAFE")
        .containsEntry("modeCause", SiteSafing.CAUSE_PREFIX + "azimuth encoder lost");

    tester.assertCompleted(tester.command("core.SET_MODE").text("subsystem", "tracker").text("mode", "NOMINAL"));
    assertThat(health.report("tracker").status().getName()).as("recovered by the operator (idle: WARN at worst)")
        .isIn("UP", "WARN");
  }

  private static Event event(space.lunarbase.testkit.MqttRecorder.Received m) {
    try {
      return Event.parseFrom(m.payload());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
