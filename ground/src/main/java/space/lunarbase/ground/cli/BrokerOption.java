package space.lunarbase.ground.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --broker URL} option every lunarctl command that talks to a broker shares (a picocli
 * mixin): default {@code $LUNARBASE_BROKER}, else {@code tcp://127.0.0.1:1883}. Prints as its URL.
 */
public final class BrokerOption {

  @Option(names = "--broker", paramLabel = "URL", defaultValue = "${env:LUNARBASE_BROKER:-tcp://127.0.0.1:1883}",
      description = "Broker URL (default: $LUNARBASE_BROKER, else tcp://127.0.0.1:1883).")
  private String url;

  /** The broker's URL, e.g. {@code tcp://127.0.0.1:1883}. */
  public String url() {
    return url;
  }

  @Override
  public String toString() {
    return url;
  }
}
