package space.lunarbase.fsw.app.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.hal.sim.SunDirection;
import space.lunarbase.hal.sim.TrackerPlant;
import space.lunarbase.hal.tracker.Axis;

/**
 * The tracker's pointing goal over a whole simulated lunar day (one synodic month, 29.53 d) at the demo
 * site, 89.9 degrees S, while the Sun is up there (from 2026-10-20): the controller and the
 * simulated board step together on a manual clock, 30 s of simulated time per control cycle. The
 * pointing error is measured against the plant's truth (where the array really points, where the
 * real Sun is) at every cycle spent TRACKING, and printed as a {@code TRACKER-DAY} line.
 *
 * <p>The plant's encoders are mounted off true by 0.4 degrees in azimuth and -0.3 in elevation (a
 * real installation's calibration error, which the ephemeris cannot know and the sun sensor
 * measures). The cable starts one turn wound (as a previous day left it, saved in the data folder),
 * so the day's turn of the Sun takes it to {@code tracker.unwind-at-deg} and the controller unwinds.
 */
class TrackerLunarDayTest {

  static final Instant DAY_START = Instant.parse("2026-10-20T00:00:00Z");
  static final Duration STEP = Duration.ofSeconds(30);
  static final Duration SETTLE = Duration.ofMinutes(10);
  static final double AZ_MISALIGNMENT_DEG = 0.4;
  static final double EL_MISALIGNMENT_DEG = -0.3;

  /** What one day showed. */
  record Day(double maxDeg, double p95Deg, double meanDeg, int samples, double trackingFraction, int unwinds,
      double minWrapDeg, double maxWrapDeg, double trackedTurnDeg, double unwoundDeg, int unwindCycles,
      long wrapStopHits, long wallMillis) {

    String line(String label) {
      return String.format("TRACKER-DAY %s: pointing error max %.3f p95 %.3f mean %.3f deg over %d cycles tracking"
          + " (%.1f %% of the day); %d unwind(s) of %.1f deg in %d cycles; tracked %.1f deg of azimuth; plant cable"
          + " wrap %.1f..%.1f deg, stop hits %d; %d ms wall", label, maxDeg, p95Deg, meanDeg, samples,
          100 * trackingFraction, unwinds, unwoundDeg, unwindCycles, trackedTurnDeg, minWrapDeg, maxWrapDeg,
          wrapStopHits, wallMillis);
    }
  }

  @Test
  void withAValidSunSensorThePointingErrorStaysUnderHalfADegreeAndTheCableIsUnwoundOnce(@TempDir Path data)
      throws Exception {
    Day day = run(data, false);
    System.out.println(day.line("sun sensor"));

    assertThat(day.maxDeg()).isLessThan(0.5);
    assertThat(day.samples()).isGreaterThan(80_000);
    assertTurnAndUnwind(day);
  }

  @Test
  void onTheEphemerisAloneThePointingErrorStaysUnderOneDegree(@TempDir Path data) throws Exception {
    Day day = run(data, true);
    System.out.println(day.line("ephemeris alone (sun-sensor ADC not answering)"));

    assertThat(day.maxDeg()).isLessThan(1.0);
    assertThat(day.meanDeg()).as("the misalignment shows: nothing corrects it").isGreaterThan(0.3);
    assertThat(day.samples()).isGreaterThan(80_000);
    assertTurnAndUnwind(day);
  }

  private static void assertTurnAndUnwind(Day day) {
    assertThat(day.trackedTurnDeg()).as("the azimuth follows the Sun's whole turn").isGreaterThan(355);
    assertThat(day.unwinds()).isEqualTo(1);
    assertThat(day.unwoundDeg()).isBetween(355.0, 365.0);
    assertThat(day.minWrapDeg()).isGreaterThan(-485);
    assertThat(day.maxWrapDeg()).isLessThan(485);
    assertThat(day.wrapStopHits()).isZero();
    assertThat(day.trackingFraction()).isGreaterThan(0.99);
    // 2000 steps of 0.001125 deg a cycle: 160 cycles for a turn (2.7 min at the 1 s control period)
    assertThat(day.unwindCycles()).isBetween(160, 165);
  }

  private static Day run(Path data, boolean sensorFaulted) throws Exception {
    // one turn wound already, pointing within a degree of the Sun at the start
    double sunAz = SunDirection.ephemeris(space.lunarbase.hal.sim.SimulatedBoard.Plants.DEMO_SITE).at(DAY_START)
        .azimuthDeg();
    double startWrap = CableWrap.nearestNeutral(sunAz, 90) - 360 + 0.7;
    new WrapStore(data).save(startWrap + 2); // what the previous boot saved: within its 5-degree step
    TrackerPlant.Spec plant = TrackerPlant.Spec.demo().withStartWrap(startWrap);
    try (TrackerTester stack = new TrackerTester(data, DAY_START, plant, Map.of(), 0)) {
      stack.plant().setEncoderMisalignment(Axis.AZIMUTH, AZ_MISALIGNMENT_DEG);
      stack.plant().setEncoderMisalignment(Axis.ELEVATION, EL_MISALIGNMENT_DEG);
      if (sensorFaulted) {
        stack.sim.sunAdc().injectNack(true);
      }
      long wallStart = System.nanoTime();
      Instant end = DAY_START.plus(SunDirection.SYNODIC_MONTH);
      double[] errors = new double[(int) (SunDirection.SYNODIC_MONTH.toSeconds() / STEP.toSeconds()) + 1];
      int samples = 0;
      int cycles = 0;
      int trackingCycles = 0;
      int unwindCycles = 0;
      double minWrap = Double.MAX_VALUE;
      double maxWrap = -Double.MAX_VALUE;
      double tracked = 0;
      double unwound = 0;
      double lastAz = stack.plant().azimuthUnwrappedDeg();
      while (stack.clock.instant().isBefore(end)) {
        stack.step(STEP);
        cycles++;
        double az = stack.plant().azimuthUnwrappedDeg();
        TrackerState state = stack.state();
        if (state == TrackerState.TRACKING) {
          trackingCycles++;
          tracked += Math.max(0, lastAz - az);
          boolean settled = stack.clock.instant().isAfter(DAY_START.plus(SETTLE));
          if (settled && stack.sun.at(stack.clock.instant()).elevationDeg() > 0) {
            errors[samples++] = stack.truePointingErrorDeg();
          }
        } else if (state == TrackerState.UNWINDING) {
          unwindCycles++;
          unwound += az - lastAz;
        }
        lastAz = az;
        minWrap = Math.min(minWrap, stack.plant().cableWrapDeg());
        maxWrap = Math.max(maxWrap, stack.plant().cableWrapDeg());
      }
      long wall = (System.nanoTime() - wallStart) / 1_000_000;
      assertThat(stack.events("TRACKER_FAULT")).as("no fault in a clean day").isEmpty();
      assertThat(stack.events("SAFING")).isEmpty();
      assertThat(stack.events("LIMIT_RED")).isEmpty();
      assertThat(stack.events("CABLE_WRAP_RESTORED")).hasSize(1);
      assertThat(stack.status().wrapDeg()).as("the firmware's wrap is the plant's, to the misalignment")
          .isCloseTo(stack.plant().cableWrapDeg() + AZ_MISALIGNMENT_DEG, org.assertj.core.data.Offset.offset(0.1));
      double[] sorted = Arrays.copyOf(errors, samples);
      Arrays.sort(sorted);
      double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
      return new Day(sorted[samples - 1], sorted[(int) Math.floor(0.95 * (samples - 1))], mean, samples,
          trackingCycles / (double) cycles, stack.entered(TrackerState.UNWINDING).size(), minWrap, maxWrap, tracked,
          unwound, unwindCycles, stack.plant().wrapStopHits(), wall);
    }
  }
}
