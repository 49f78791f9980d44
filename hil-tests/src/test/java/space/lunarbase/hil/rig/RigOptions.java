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
 * @param persistentBroker the rig's Mosquitto keeps its state across a restart, and the rig's observer
 *     keeps a session in it ({@link #withPersistentBroker()})
 * @param secureBroker the rig's Mosquitto is a site broker: TLS only, every client with a certificate of a
 *     site the rig provisions, limited by the site's ACL ({@link #withSecureBroker()})
 * @param linkProxy the firmware reaches the rig's Mosquitto through a {@link space.lunarbase.testkit.TcpProxy}
 *     ({@link #withLinkProxy()}) that a test can freeze or cut
 * @param extraArgs more {@code --key=value} settings for the firmware; one naming a setting the rig gives
 *     (e.g. {@code --lunarbase.link.keepalive=10s}) replaces the rig's
 */
public record RigOptions(String controller, double clockRate, String bankSamplePeriod, boolean embeddedBroker,
    boolean persistentBroker, boolean secureBroker, boolean linkProxy, List<String> extraArgs) {

  public RigOptions {
    extraArgs = List.copyOf(extraArgs);
    if (embeddedBroker && secureBroker) {
      throw new IllegalArgumentException("the embedded broker is plain MQTT: a secure rig runs a site Mosquitto");
    }
    if (embeddedBroker && linkProxy) {
      throw new IllegalArgumentException("the link proxy stands in front of the rig's Mosquitto, not the embedded broker");
    }
  }

  /** Controller {@code rig-1}, real time, a bank frame every 200 ms, a Mosquitto of the rig's own. */
  public static RigOptions defaults() {
    return new RigOptions("rig-1", 1.0, "200ms", false, false, false, false, List.of());
  }

  public RigOptions clockRate(double rate) {
    return new RigOptions(controller, rate, bankSamplePeriod, embeddedBroker, persistentBroker, secureBroker, linkProxy,
        extraArgs);
  }

  public RigOptions bankSamplePeriod(String period) {
    return new RigOptions(controller, clockRate, period, embeddedBroker, persistentBroker, secureBroker, linkProxy,
        extraArgs);
  }

  public RigOptions withEmbeddedBroker() {
    return new RigOptions(controller, clockRate, bankSamplePeriod, true, false, false, linkProxy, extraArgs);
  }

  /**
   * Everything over TLS, as on a site: the rig provisions a site ({@code hil}: its controller, the
   * operators {@value Rig#OPERATOR_IDENTITY} and {@value Rig#CONSOLE_IDENTITY}, the observer
   * {@value Rig#OBSERVER_IDENTITY}) and runs
   * Mosquitto with {@code deploy/mosquitto/site.conf} for it (which persists, like a site broker);
   * the firmware gets its certificate ({@code --lunarbase.link.tls.*}), the operator and observer
   * theirs. The observer keeps its session, as a ground station does.
   */
  public RigOptions withSecureBroker() {
    return new RigOptions(controller, clockRate, bankSamplePeriod, false, true, true, linkProxy, extraArgs);
  }

  /**
   * A broker outage as a site lives it: the rig's Mosquitto runs with persistence (as a site broker
   * does) and the rig's observer, like a ground station, keeps its session (no clean session), so
   * what the broker has taken from the controller reaches the observer across a broker restart.
   */
  public RigOptions withPersistentBroker() {
    return new RigOptions(controller, clockRate, bankSamplePeriod, false, true, secureBroker, linkProxy, extraArgs);
  }

  /**
   * The firmware reaches the rig's Mosquitto through a TCP relay ({@link Rig#linkProxy()}): frozen, it
   * holds the controller's traffic both ways (a command waits while others answer it first); cut, it
   * drops the connection. With TLS the relay passes the encrypted bytes. A freeze longer than about
   * the keepalive ends the connection: raise {@code --lunarbase.link.keepalive} for long ones.
   */
  public RigOptions withLinkProxy() {
    return new RigOptions(controller, clockRate, bankSamplePeriod, embeddedBroker, persistentBroker, secureBroker, true,
        extraArgs);
  }

  /** Adds firmware settings, e.g. {@code "--lunarbase.commands.rate-burst=50"}. */
  public RigOptions with(String... args) {
    List<String> all = new ArrayList<>(extraArgs);
    all.addAll(List.of(args));
    return new RigOptions(controller, clockRate, bankSamplePeriod, embeddedBroker, persistentBroker, secureBroker, linkProxy,
        all);
  }
}
