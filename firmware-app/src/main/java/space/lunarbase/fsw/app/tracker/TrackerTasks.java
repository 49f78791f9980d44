package space.lunarbase.fsw.app.tracker;

import io.micronaut.context.annotation.Context;
import space.lunarbase.fsw.config.TrackerSettings;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.core.rate.RateGroupTask;

/**
 * Puts the tracker on the rate groups at start-up (if the board has a tracker): the controller's
 * cycle every {@code lunarbase.tracker.control-period} ({@code tracker-control}) and its telemetry
 * frame every {@code lunarbase.tracker.telemetry-period} ({@code tracker-frames}), each on the
 * slowest group that divides its period.
 */
@Context
public final class TrackerTasks {

  public TrackerTasks(TrackerController controller, TrackerFrames frames, TrackerSettings settings,
      RateGroupDriver rateGroups) {
    if (controller.present()) {
      rateGroups.every(settings.controlPeriod(), "lunarbase.tracker.control-period",
          RateGroupTask.of("tracker-control", controller::cycle));
      rateGroups.every(settings.telemetryPeriod(), "lunarbase.tracker.telemetry-period",
          RateGroupTask.of("tracker-frames", cycleTime -> frames.publish()));
    }
  }
}
