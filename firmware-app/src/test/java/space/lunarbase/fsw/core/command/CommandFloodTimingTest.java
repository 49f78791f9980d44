package space.lunarbase.fsw.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.fsw.core.rate.RateGroup;
import space.lunarbase.fsw.core.rate.RateGroupDriver;
import space.lunarbase.fsw.link.MqttLink;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * Issue 5's measurement: 10^5 random and mutated SignedCommand byte arrays on {@code cmd} (QoS 0,
 * as fast as the broker takes them) neither crash the firmware nor disturb the 100 Hz rate group.
 * The group's lateness over a quiet window is compared with its lateness during the flood, in the
 * same run; the figures are printed as a {@code LATENCY-FLOOD} line.
 */
class CommandFloodTimingTest {

  static final int FLOOD = 100_000;
  static final Duration QUIET = Duration.ofSeconds(6);

  @Test
  void aFloodOfGarbageOnCmdIsAccountedAndLeavesTheRateGroupOnTime(@TempDir Path data) throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
         CommandTester tester = CommandTester.start(data, broker.url(), Map.of("lunarbase.rate-groups.fast", "100Hz"),
             1)) {
      RateGroup fast = tester.firmware().getBean(RateGroupDriver.class).groups().stream()
          .filter(g -> g.name().equals("fast")).findFirst().orElseThrow();
      MqttLink link = tester.firmware().getBean(MqttLink.class);
      // the template the mutations start from: already executed, so its counter is spent
      TestCommand template = tester.command("core.NOOP");
      tester.assertCompleted(template);
      byte[] original = template.signed();

      Thread.sleep(1_000); // settle after start
      Histogram start = fast.latenessSinceStart();
      long overrunsStart = fast.overruns();
      Thread.sleep(QUIET.toMillis());
      Histogram quietEnd = fast.latenessSinceStart();
      long overrunsQuietEnd = fast.overruns();
      CommandStats before = tester.counters().snapshot();

      long sent = flood(broker.url(), original);
      await("every flood message judged or dropped").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> balanced(before, tester.counters().snapshot()) && link.health().outboxDepth() == 0);
      Histogram floodEnd = fast.latenessSinceStart();
      long overrunsFloodEnd = fast.overruns();
      CommandStats after = tester.counters().snapshot();

      Histogram quiet = window(start, quietEnd);
      Histogram flood = window(quietEnd, floodEnd);
      System.out.printf("LATENCY-FLOOD quiet p50=%s p99=%s p99.9=%s | flood p50=%s p99=%s p99.9=%s"
              + " (cycles %d quiet, %d flood; max %s quiet, %s flood; overruns %d quiet, %d flood)%n",
          ms(quiet, 50), ms(quiet, 99), ms(quiet, 99.9), ms(flood, 50), ms(flood, 99), ms(flood, 99.9),
          quiet.getTotalCount(), flood.getTotalCount(), ms(quiet.getMaxValue()), ms(flood.getMaxValue()),
          overrunsQuietEnd - overrunsStart, overrunsFloodEnd - overrunsQuietEnd);
      System.out.printf("FLOOD-ACCOUNT sent=%d received=%d accepted=%d dropped=%d unanswered=%d rejected=%s%n",
          sent, after.received() - before.received(), after.accepted() - before.accepted(),
          after.dropped() - before.dropped(), after.unanswered() - before.unanswered(), delta(before, after));

      assertThat(after.received() - before.received()).as("the broker delivered the flood").isEqualTo(sent);
      assertThat(after.accepted()).as("no mutation was accepted").isEqualTo(before.accepted());
      long generous = quiet.getValueAtPercentile(99) * 5 + Duration.ofMillis(2).toNanos();
      assertThat(flood.getValueAtPercentile(99)).as("flood p99 lateness within quiet p99 x 5 + 2 ms")
          .isLessThanOrEqualTo(generous);
      // overruns are printed, not asserted: a loaded 2-core machine has hiccups of tens of ms without any flood
      // still alive and commandable (another key: the flood spent the operator key's tokens)
      tester.assertCompleted(tester.command("core.NOOP").key(TestKeys.RANGE_SAFETY));
    }
  }

  /** Publishes FLOOD messages, half random bytes and half mutations of {@code original}; returns how many. */
  private static long flood(String url, byte[] original) throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    MqttClient client = new MqttClient(url, MqttClient.generateClientId(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(65_535);
    client.connect(options);
    try {
      for (int i = 0; i < FLOOD; i++) {
        byte[] payload = i % 2 == 0 ? randomBytes(random) : mutate(random, original);
        client.publish(CommandTester.CMD, payload, 0, false);
      }
    } finally {
      client.disconnect();
      client.close();
    }
    return FLOOD;
  }

  private static byte[] randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(0, 300)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Flips, truncates or extends: never the original bytes. */
  private static byte[] mutate(SplittableRandom random, byte[] original) {
    byte[] bytes;
    switch (random.nextInt(3)) {
      case 0 -> bytes = java.util.Arrays.copyOf(original, random.nextInt(0, original.length));
      case 1 -> {
        bytes = java.util.Arrays.copyOf(original, original.length + random.nextInt(1, 64));
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

  /** Every message received since {@code before} was accepted, rejected or dropped. */
  private static boolean balanced(CommandStats before, CommandStats now) {
    long received = now.received() - before.received();
    long judged = now.accepted() - before.accepted() + now.rejectedTotal() - before.rejectedTotal()
        + now.dropped() - before.dropped();
    return received > 0 && received == judged && now.queueDepth() == 0;
  }

  private static Map<String, Long> delta(CommandStats before, CommandStats after) {
    Map<String, Long> d = new java.util.TreeMap<>();
    after.rejected().forEach((reason, n) -> {
      long x = n - before.rejected().getOrDefault(reason, 0L);
      if (x != 0) {
        d.put(reason.substring("REASON_".length()), x);
      }
    });
    return d;
  }

  private static Histogram window(Histogram from, Histogram to) {
    Histogram h = to.copy();
    h.subtract(from);
    return h;
  }

  private static String ms(Histogram h, double percentile) {
    return ms(h.getValueAtPercentile(percentile));
  }

  private static String ms(long nanos) {
    return String.format("%.3fms", nanos / 1e6);
  }
}
