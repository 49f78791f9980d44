package space.lunarbase.hil.rig;

import java.util.ArrayList;
import java.util.List;

/**
 * How a rig runs its controller.
 *
 * @param controller the controller id (site {@code hil})
 * @param clockRate simulated seconds per real second ({@code hal.sim-clock-rate}); the rate groups run on it too
 * @param bankSamplePeriod {@code lunarbase.bank.sample-period}, simulated time
 * @param embeddedBroker use the firmware's own embedded broker instead of a Mosquitto the rig starts ({@link #withEmbeddedBroker()})
 *     (no broker outages then)
 * @param extraArgs more {@code --key=value} settings for the firmware
 */
public record RigOptions(String controller, double clockRate, String bankSamplePeriod, boolean embeddedBroker,
    List<String> extraArgs) {

  public RigOptions {
    extraArgs = List.copyOf(extraArgs);
  }

  /** Controller {@code rig-1}, real time, a bank frame every 200 ms, a Mosquitto of the rig's own. */
  public static RigOptions defaults() {
    return new RigOptions("rig-1", 1.0, "200ms", false, List.of());
  }

  public RigOptions clockRate(double rate) {
    return new RigOptions(controller, rate, bankSamplePeriod, embeddedBroker, extraArgs);
  }

  public RigOptions bankSamplePeriod(String period) {
    return new RigOptions(controller, clockRate, period, embeddedBroker, extraArgs);
  }

  public RigOptions withEmbeddedBroker() {
    return new RigOptions(controller, clockRate, bankSamplePeriod, true, extraArgs);
  }

  /** Adds firmware settings, e.g. {@code "--lunarbase.commands.rate-burst=50"}. */
  public RigOptions with(String... args) {
    List<String> all = new ArrayList<>(extraArgs);
    all.addAll(List.of(args));
    return new RigOptions(controller, clockRate, bankSamplePeriod, embeddedBroker, all);
  }
}
