package space.lunarbase.bench.start;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The floor for a start: a plain {@code main} that connects to a broker with Paho and publishes one
 * telemetry frame (QoS 1, the bytes of a real bank frame), then exits. {@code bench/start-time} times
 * the firmware's start to its first frame against this, on the same runtime with the same JVM
 * options, in the same run. Arguments: broker URL, topic, file holding the frame.
 */
public final class PlainPublisher {

  private PlainPublisher() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: PlainPublisher BROKER_URL TOPIC FRAME_FILE");
      System.exit(64);
    }
    byte[] frame = Files.readAllBytes(Path.of(args[2]));
    MqttClient client = new MqttClient(args[0], "plain-" + ProcessHandle.current().pid(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    client.connect(options);
    client.publish(args[1], frame, 1, false);
    client.disconnect();
    client.close();
  }
}
