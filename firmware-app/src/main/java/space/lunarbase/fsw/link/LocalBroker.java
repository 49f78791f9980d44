package space.lunarbase.fsw.link;

/**
 * An MQTT broker this process runs itself, for a machine with no site broker (a simulated board on
 * a developer's machine): where it listens, and why not on its preferred port if it could not.
 */
public interface LocalBroker extends AutoCloseable {

  /** {@code tcp://host:port} of this broker. */
  String url();

  /** Why it is not on the configured port, or empty. */
  String note();

  /** Stops it. */
  @Override
  void close();
}
