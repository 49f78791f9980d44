package space.lunarbase.fsw.app.tracker;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import space.lunarbase.fsw.config.TrackerSettings;
import space.lunarbase.fsw.core.channel.Channel;
import space.lunarbase.fsw.core.channel.ChannelSet;
import space.lunarbase.fsw.core.channel.ChannelSpec;
import space.lunarbase.fsw.core.channel.Sample;
import space.lunarbase.hal.Quality;

/**
 * The tracker's telemetry channels and limits, all declared here (none if the board has no
 * tracker). They read the controller's last cycle ({@link TrackerController#status()}), not the
 * hardware. L is {@code lunarbase.tracker.cable-wrap-limit-deg}. Every channel needs
 * {@value #PERSISTENCE} samples.
 *
 * <table>
 *   <caption>tracker channels</caption>
 *   <tr><th>channel</th><th>unit</th><th>yellow</th><th>red</th></tr>
 *   <tr><td>tracker.pointing_error (while TRACKING; does not apply otherwise)</td><td>deg</td><td>above 0.5</td>
 *       <td>above 2</td></tr>
 *   <tr><td>tracker.cable_wrap</td><td>deg</td><td>beyond &plusmn;(L - 20)</td>
 *       <td>beyond &plusmn;L (an alarm only: the controller unwinds)</td></tr>
 * </table>
 */
@Singleton
public final class TrackerChannels implements ChannelSet {

  static final int PERSISTENCE = 3;
  static final double POINTING_YELLOW_DEG = 0.5;
  static final double POINTING_RED_DEG = 2.0;
  static final double WRAP_YELLOW_MARGIN_DEG = 20;

  private final TrackerController controller;
  private final List<Channel> channels;

  public TrackerChannels(TrackerController controller, TrackerSettings settings) {
    this.controller = controller;
    double limit = settings.cableWrapLimitDeg();
    this.channels = !controller.present() ? List.of() : List.of(
        new Channel(ChannelSpec.of("tracker.pointing_error", "deg").yellow(Double.NaN, POINTING_YELLOW_DEG)
            .red(Double.NaN, POINTING_RED_DEG).persistence(PERSISTENCE), this::pointingError),
        new Channel(ChannelSpec.of("tracker.cable_wrap", "deg")
            .yellow(-(limit - WRAP_YELLOW_MARGIN_DEG), limit - WRAP_YELLOW_MARGIN_DEG).red(-limit, limit)
            .persistence(PERSISTENCE), this::cableWrap));
  }

  @Override
  public List<Channel> channels() {
    return channels;
  }

  private Sample pointingError() {
    Optional<TrackerStatus> now = controller.status();
    if (now.isEmpty()) {
      return Sample.notApplicable("no control cycle yet");
    }
    TrackerStatus s = now.get();
    if (s.state() != TrackerState.TRACKING) {
      return Sample.notApplicable("not tracking (" + s.state() + ")");
    }
    if (s.pointingSource() == PointingSource.NONE) {
      return Sample.bad(Quality.FAILED, "no estimate: an encoder reading is not GOOD");
    }
    return Sample.good(s.pointingErrorDeg());
  }

  private Sample cableWrap() {
    Optional<TrackerStatus> now = controller.status();
    if (now.isEmpty()) {
      // the monitor may run before the tracker's first cycle (another rate group): nothing to judge yet
      return Sample.notApplicable("no control cycle yet");
    }
    if (Double.isNaN(now.get().wrapDeg())) {
      return Sample.bad(Quality.STALE, "cable wrap not known");
    }
    return Sample.good(now.get().wrapDeg());
  }
}
