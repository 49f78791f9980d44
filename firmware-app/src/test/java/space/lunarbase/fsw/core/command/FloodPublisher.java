package space.lunarbase.fsw.core.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The flood of {@link CommandFloodTimingTest}, run in a JVM of its own so that its allocation and
 * garbage collection are not the firmware's: publishes {@code count} messages on {@code topic}
 * (QoS 0, as fast as the broker takes them), half random bytes, half mutations of the SignedCommand
 * in {@code template} (truncated, extended, bytes flipped; never the original).
 * It prints {@code connected}, then waits for {@code go} on its input, and exits once published.
 * Arguments: brokerUrl topic count templateFile seed.
 */
public final class FloodPublisher {

  private FloodPublisher() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String topic = args[1];
    int count = Integer.parseInt(args[2]);
    byte[] original = Files.readAllBytes(Path.of(args[3]));
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[4]));
    MqttClient client = new MqttClient(url, MqttClient.generateClientId(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(65_535);
    client.connect(options);
    System.out.println("connected");
    System.out.flush();
    if (!"go".equals(new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine())) {
      return;
    }
    for (int i = 0; i < count; i++) {
      client.publish(topic, i % 2 == 0 ? randomBytes(random) : mutate(random, original), 0, false);
    }
    System.out.println("published " + count);
    System.out.flush();
    try {
      client.disconnect(2_000);
      client.close();
    } finally {
      // Paho's sender thread has been seen to outlive disconnect under load and keep the JVM up
      System.exit(0);
    }
  }

  static byte[] randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(0, 300)];
    random.nextBytes(bytes);
    return bytes;
  }

  static byte[] mutate(SplittableRandom random, byte[] original) {
    byte[] bytes;
    switch (random.nextInt(3)) {
      case 0 -> bytes = Arrays.copyOf(original, random.nextInt(0, original.length));
      case 1 -> {
        bytes = Arrays.copyOf(original, original.length + random.nextInt(1, 64));
        for (int i = original.length; i < bytes.length; i++) {
          bytes[i] = (byte) random.nextInt(256);
        }
        bytes[random.nextInt(bytes.length)] ^= (byte) random.nextInt(1, 256);
      }
      default -> {
        bytes = original.clone();
        int flips = random.nextInt(1, 4);
        for (int i = 0; i < flips; i++) {
          bytes[random.nextInt(bytes.length)] ^= (byte) random.nextInt(1, 256);
        }
      }
    }
    return bytes;
  }
}
