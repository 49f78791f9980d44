package space.lunarbase.hil.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import space.lunarbase.hil.rig.Args;
import space.lunarbase.hil.rig.EventMatch;
import space.lunarbase.hil.rig.Rig;
import space.lunarbase.hil.rig.RigOptions;
import space.lunarbase.hil.rig.Scenario;
import space.lunarbase.hil.rig.Timeline.Mark;
import space.lunarbase.hil.rig.report.Plot;
import space.lunarbase.proto.v1.CommandAck.Status;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.proto.v1.TrackerState;
import space.lunarbase.proto.v1.TrackerTelemetry;

/**
 * Scenario 1, a lunar day: the tracker at the south-polar demo site (89.9 deg S) follows the Sun
 * through its whole azimuth turn of one synodic month (29.53 days from the rig's start: the Sun is
 * up there from late August to early February; {@code hal.sim-start} in the past cannot be used, as the
 * command verifier judges expiry by the system clock while the rig stamps it by the simulated one), unwinds its cable once (it starts one turn wound, set with tracker.SET_WRAP as a
 * previous boot would have left it), and goes on tracking. The firmware runs on a board with
 * the tracker alone ({@code boards/tracker-only.yml}) at {@link #RATE} times real time (about 150 s
 * for the day), with slow rate groups (10 Hz, 0.1 Hz, 0.05 Hz: the 100 Hz group cannot follow such
 * a clock, and a skipped cycle runs its tasks once at the next), the tracker's control cycle at its
 * longest, 60 s (the Sun moves 0.5 arc-minute in it), and a frame every simulated hour.
 *
 * <p>The tracker's telemetry has no harvested power: the report computes it as a nominal array
 * power of {@link #ARRAY_W} W at normal incidence times the cosine of the frame's pointing error,
 * counted while TRACKING only, integrated over the hour between frames.
 */
class LunarDayScenarioTest {

  static final double RATE = 17_000;
  static final double SETUP_RATE = 30;
  static final double CABLE_NEUTRAL_DEG = 90; // lunarbase.tracker.cable-neutral-azimuth-deg
  static final double ARRAY_W = 1000;
  static final Duration LUNAR_DAY = Duration.ofSeconds(2_551_443);

  @RegisterExtension
  final Scenario scenario = Scenario.of("1", "A lunar day",
      "The tracker follows the Sun through a full azimuth turn at the south-polar demo site, unwinds once, and the"
          + " energy a nominal array would harvest is reported.");

  @Test
  void theTrackerFollowsTheSunThroughAFullTurnAndUnwinds() {
    Rig rig = scenario.start(RigOptions.defaults().withEmbeddedBroker().clockRate(SETUP_RATE).bankSamplePeriod("1h").with(
        "--hal.board=hil-tests/src/test/resources/boards/tracker-only.yml",
        "--lunarbase.rate-groups.fast=10Hz", "--lunarbase.rate-groups.medium=0.1Hz",
        "--lunarbase.rate-groups.slow=0.05Hz",
        "--lunarbase.tracker.control-period=60s", "--lunarbase.tracker.telemetry-period=1h",
        "--lunarbase.core.telemetry-period=1h", "--lunarbase.core.parameters-period=1h",
        "--lunarbase.sequences.telemetry-period=1h", "--lunarbase.sequences.check-period=1s",
        "--lunarbase.limits.period=60s", "--lunarbase.link.health-period=1h",
        // the tracker-only board has no bank or rail, but their settings are still checked against the groups
        "--lunarbase.bank.fast-sample-period=10s", "--lunarbase.bank.management.period=1s",
        "--lunarbase.bank.management.temperature-period=1s",
        "--lunarbase.rail.sequence-period=100ms", "--lunarbase.rail.telemetry-period=1h"));
    // the cable one turn wound, as a previous boot left it (a command expires 30 simulated s after it is
    // sent: set up at a slower clock)
    Mark setup = rig.mark();
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "tracker", "mode", "MAINTENANCE"), Status.STATUS_COMPLETED);
    rig.awaitEvent(setup, EventMatch.named("TRACKER_STATE_CHANGED"), e -> "MANUAL".equals(e.getArgsMap().get("to")),
        Rig.TIMEOUT);
    double azimuth = rig.plantTruth().path("tracker").path("azimuthDeg").asDouble();
    double wound = shortWay(azimuth - CABLE_NEUTRAL_DEG) - 360;
    rig.sendAndAwaitAck("tracker.SET_WRAP", Args.of("wrap_deg", wound), Status.STATUS_COMPLETED);
    rig.sendAndAwaitAck("core.SET_MODE", Args.of("subsystem", "tracker", "mode", "NOMINAL"), Status.STATUS_COMPLETED);

    Mark day = rig.mark();
    rig.setClockRate(RATE);
    long wallStart = System.nanoTime();
    Instant end = rig.simNow().plus(LUNAR_DAY);
    rig.awaitSimTime(end, Duration.ofMinutes(5));
    rig.setClockRate(0);
    double wall = (System.nanoTime() - wallStart) / 1e9;

    List<TrackerTelemetry> frames = new ArrayList<>();
    List<Double> days = new ArrayList<>();
    long t0 = 0;
    for (TelemetryFrame f : rig.frames(day, "tracker")) {
      if (frames.isEmpty()) {
        t0 = f.getHeader().getSampleTimeNs();
      }
      frames.add(f.getTracker());
      days.add((f.getHeader().getSampleTimeNs() - t0) / 86_400e9);
    }
    assertThat(frames.size()).as("a frame every simulated hour").isGreaterThan(600);

    // tracking: share of the day, error, the Sun's turn followed
    List<Double> errors = new ArrayList<>();
    double followed = 0;
    double sunTurn = 0;
    int tracking = 0;
    double energyWh = 0;
    List<Double> energyKwh = new ArrayList<>();
    List<Double> wrap = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      TrackerTelemetry f = frames.get(i);
      wrap.add(f.getWrapDeg());
      boolean on = f.getState() == TrackerState.TRACKER_STATE_TRACKING;
      if (i > 0) {
        TrackerTelemetry before = frames.get(i - 1);
        double hours = (days.get(i) - days.get(i - 1)) * 24;
        sunTurn += Math.abs(shortWay(f.getSunAzimuthDeg() - before.getSunAzimuthDeg()));
        if (on && before.getState() == TrackerState.TRACKER_STATE_TRACKING) {
          followed += Math.abs(f.getWrapDeg() - before.getWrapDeg());
        }
        if (on) {
          energyWh += ARRAY_W * Math.max(0, Math.cos(Math.toRadians(f.getPointingErrorDeg()))) * hours;
        }
      }
      energyKwh.add(energyWh / 1000);
      if (on) {
        tracking++;
        errors.add(f.getPointingErrorDeg());
      }
    }
    double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double p95 = sorted[(int) Math.floor(0.95 * (sorted.length - 1))];
    double max = sorted[sorted.length - 1];
    double mean = Arrays.stream(sorted).average().orElseThrow();
    double dayHours = days.getLast() * 24;
    double share = (double) tracking / frames.size();

    List<String> transitions = rig.events(day, EventMatch.named("TRACKER_STATE_CHANGED")).stream()
        .map(e -> e.getArgsMap().get("from") + "->" + e.getArgsMap().get("to")).toList();
    assertThat(transitions).as("unwound once and tracked again").containsSubsequence("TRACKING->UNWINDING",
        "UNWINDING->TRACKING");
    rig.assertNoEvent(EventMatch.named("TRACKER_FAULT"), day);
    assertThat(sunTurn).as("the Sun's azimuth over the day (deg)").isGreaterThan(350);
    assertThat(followed).as("azimuth followed while tracking (deg)").isGreaterThan(330);
    assertThat(share).as("share of the frames TRACKING").isGreaterThan(0.9);
    assertThat(p95).as("p95 pointing error while tracking (deg)").isLessThan(0.5);
    assertThat(max).as("max pointing error while tracking (deg)").isLessThan(2.0);

    rig.figure("clock", "%.0fx real time; lunar day %.1f simulated days in %.0f s wall".formatted(RATE, dayHours / 24,
        wall));
    rig.figure("frames / TRACKING", "%d / %d (%.1f %%)".formatted(frames.size(), tracking, share * 100));
    rig.figure("pointing error while tracking", "max %.3f deg, p95 %.3f deg, mean %.3f deg (source: %s)".formatted(max,
        p95, mean, frames.getLast().getPointingErrorSource()));
    rig.figure("Sun's azimuth turn / followed while tracking", "%.1f / %.1f deg".formatted(sunTurn, followed));
    rig.figure("wrap at start (SET_WRAP)", "%.1f deg".formatted(wound));
    rig.figure("wrap range", "%.1f..%.1f deg".formatted(wrap.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        wrap.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
    rig.figure("state changes", transitions.toString());
    rig.figure("harvested energy (computed)", ("%.1f kWh of %.1f kWh ideal (%.0f W nominal x cos(pointing error),"
        + " TRACKING frames, hourly)").formatted(energyWh / 1000, ARRAY_W * dayHours / 1000, ARRAY_W));
    rig.note("Harvested energy is computed in the report, not measured: the tracker's telemetry carries no array power.");
    rig.plot(new Plot("tracker-harvested-energy", "Harvested energy (nominal " + (int) ARRAY_W
        + " W array x cos(pointing error))", "simulated days", "kWh", List.of(Plot.Series.line("energy", days, energyKwh))));
    rig.plot(new Plot("tracker-wrap", "Cable wrap over the day", "simulated days", "degrees",
        List.of(Plot.Series.line("wrap", days, wrap))));
  }

  private static double shortWay(double deg) {
    double d = ((deg % 360) + 540) % 360 - 180;
    return d;
  }
}
