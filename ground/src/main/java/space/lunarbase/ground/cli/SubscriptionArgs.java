package space.lunarbase.ground.cli;

import org.eclipse.paho.client.mqttv3.MqttTopic;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The checks of a subscribing command's arguments (watch, record): a valid MQTT topic filter and a positive --count. */
final class SubscriptionArgs {

  private SubscriptionArgs() {}

  /**
   * Throws a {@link ParameterException} (exit code 64) when {@code count} is given and below 1, or
   * {@code filter} is not an MQTT topic filter.
   */
  static void check(CommandSpec spec, String filter, Integer count) {
    if (count != null && count < 1) {
      throw new ParameterException(spec.commandLine(), "--count must be 1 or more, not " + count);
    }
    try {
      MqttTopic.validate(filter, true);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "'" + filter + "' is not an MQTT topic filter: "
          + e.getMessage());
    }
  }
}
