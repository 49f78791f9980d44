package space.lunarbase.ground.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of every lunarctl command that signs a command and waits for its acks ({@code send},
 * {@code seq load}), a picocli mixin: the key, the counter, the expiry, the broker, how long to
 * wait and how to print.
 */
final class SigningOptions {

  @Option(names = "--key-file", paramLabel = "FILE", required = true,
      description = "The YAML key file (the firmware's format, e.g. deploy/keys/dev-keys.yml).")
  Path keyFile;

  @Option(names = "--key", paramLabel = "ID", required = true, description = "The id of the key to sign with.")
  String keyId;

  @Option(names = "--counter", paramLabel = "N", converter = CounterConverter.class,
      description = "Use this counter (1 .. 2^64-1) instead of the next one from the state file.")
  Long counter;

  @Option(names = "--expires", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
      description = "The command expires this long after now, by the controller's clock (default: ${DEFAULT-VALUE}).")
  Duration expires;

  @Mixin
  BrokerOption broker;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "20s",
      description = "How long to wait for the acks after publishing (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--state-dir", paramLabel = "DIR",
      defaultValue = "${env:LUNARBASE_STATE_DIR:-${sys:user.home}/.lunarbase}",
      description = "Where the last counter per key is kept, in DIR/counters (default: $LUNARBASE_STATE_DIR,"
          + " else ~/.lunarbase).")
  Path stateDir;

  @Option(names = "--json", description = "Print one JSON object per acknowledgement.")
  boolean json;

  @Option(names = "--no-wait", description = "Exit at the first ack (ACCEPTED: 10, REJECTED: 12), without"
      + " waiting for COMPLETED or FAILED.")
  boolean noWait;

  /** Reads {@code --counter}: an unsigned 64-bit decimal, not 0. */
  static final class CounterConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      long counter;
      try {
        counter = Long.parseUnsignedLong(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a counter (1 .. 18446744073709551615)");
      }
      if (counter == 0) {
        throw new TypeConversionException("the counter starts at 1");
      }
      return counter;
    }
  }
}
