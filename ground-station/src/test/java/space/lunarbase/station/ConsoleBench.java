package space.lunarbase.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.lunarbase.proto.v1.ChannelCatalogue;
import space.lunarbase.proto.v1.ChannelInfo;
import space.lunarbase.proto.v1.ChannelTelemetry;
import space.lunarbase.proto.v1.SampleBatch;
import space.lunarbase.proto.v1.TelemetryFrame;
import space.lunarbase.testkit.MosquittoBroker;

/**
 * The console under load (tag measurement): 12 live plots of 10 Hz channels and one of a 1 kHz
 * channel, stacked in one view of headless Chromium, fed through the station from a controller's
 * MQTT client; the page's main thread measured over 20 s with the Long Tasks API. Prints
 * {@code CONSOLE-BENCH}.
 */
@Tag("measurement")
class ConsoleBench {

  private static final int CHANNELS = 12;

  @TempDir
  Path dir;

  @Test
  void twelvePlotsAt10HzAndOneAt1kHz() throws Exception {
    ChannelCatalogue.Builder catalogue = ChannelCatalogue.newBuilder();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < CHANNELS; c++) {
      String name = "rail.temperature_%02d".formatted(c);
      names.add(name);
      catalogue.addChannels(ChannelInfo.newBuilder().setName(name).setUnit("degC").setYellowLow(Double.NaN)
          .setYellowHigh(60).setRedLow(Double.NaN).setRedHigh(70));
    }
    names.add("rail.coil_current_a");
    AtomicBoolean publishing = new AtomicBoolean(true);
    try (MosquittoBroker broker = MosquittoBroker.start();
         ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, Map.of(
             "lunarbase.station.broker-url", broker.url(),
             "lunarbase.station.data-dir", dir.resolve("station").toString(),
             "micronaut.server.port", -1)).getApplicationContext();
         Browser browser = new Browser(dir.resolve("chromium"), 1600, 2400)) {
      String base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort() + "/";
      MqttClient controller = new MqttClient(broker.url(), "bench-controller", new MemoryPersistence());
      controller.connect();
      Thread feeder = Thread.ofPlatform().start(() -> {
        long sequence = 0;
        long next = System.nanoTime();
        try {
          while (publishing.get()) {
            sequence++;
            long now = System.currentTimeMillis();
            ChannelTelemetry.Builder channels = ChannelTelemetry.newBuilder().setCatalogueId(77);
            if (sequence % 50 == 1) {
              channels.setCatalogue(catalogue);
            }
            for (int c = 0; c < CHANNELS; c++) {
              channels.addValue((float) (20 + c + 5 * Math.sin(now / 2000.0 + c)));
            }
            controller.publish(Frames.topic("tlm/channels"), TelemetryFrame.newBuilder()
                .setHeader(Frames.header(1, sequence, now, false)).setChannels(channels).build().toByteArray(), 0, false);
            SampleBatch.Builder batch = SampleBatch.newBuilder().setChannel("coil_current_a");
            for (int i = 0; i < 100; i++) {
              batch.addTimeOffsetNs(-(99L - i) * 1_000_000L).addValue((float) (100 * Math.sin((now - 99 + i) / 50.0)));
            }
            controller.publish(Frames.topic("tlm/rail"), TelemetryFrame.newBuilder()
                .setHeader(Frames.header(1, sequence, now, false)).addBatches(batch).build().toByteArray(), 0, false);
            next += 100_000_000L;
            java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> context.getBean(Station.class).site()
          .find(Frames.KEY, "rail.coil_current_a").isPresent()
          && context.getBean(Station.class).site().find(Frames.KEY, "rail.temperature_11").isPresent());
      browser.driver().get(base + "#/browse/lunarbase:site/lunarbase:stack~" + Frames.KEY.replace('/', '.') + "~"
          + String.join(",", names));
      await("every plot receiving").atMost(Duration.ofSeconds(60)).until(() -> {
        Object n = browser.script("const r = (window.lunarbaseStats || {}).realtime || {};"
            + " return Object.keys(r).filter((k) => r[k] > 0).length;");
        return ((Number) n).intValue() == names.size();
      });
      browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
      browser.driver().executeCdpCommand("Performance.enable", Map.of());
      Map<String, Double> metricsBefore = metrics(browser);
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) browser.driver().executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          const windowMs = 20000;
          let longTasks = 0, longTaskMs = 0, frames = 0;
          const observer = new PerformanceObserver((list) => {
            list.getEntries().forEach((e) => { longTasks++; longTaskMs += e.duration; });
          });
          observer.observe({ type: 'longtask' });
          const before = Object.assign({}, window.lunarbaseStats.realtime);
          const start = performance.now();
          function frame() { frames++; if (performance.now() - start < windowMs) requestAnimationFrame(frame); }
          requestAnimationFrame(frame);
          setTimeout(() => {
            observer.disconnect();
            const after = window.lunarbaseStats.realtime;
            const points = {};
            Object.keys(after).forEach((k) => { points[k] = after[k] - (before[k] || 0); });
            done({ windowMs: performance.now() - start, longTasks, longTaskMs, frames, points });
          }, windowMs);
          """);
      Map<String, Double> metricsAfter = metrics(browser);
      String profile = MainThreadProfile.record(browser.driver(), Duration.ofSeconds(10)).top(15);
      browser.screenshot(Path.of("target/console-shots/bench-13-plots.png"));
      publishing.set(false);
      feeder.join(5_000);
      controller.disconnect();
      controller.close();
      double windowMs = ((Number) result.get("windowMs")).doubleValue();
      double longTaskMs = ((Number) result.get("longTaskMs")).doubleValue();
      System.out.printf("CONSOLE-BENCH 13 live plots (12 x 10 Hz, 1 x 1 kHz) over %.1f s: %s long tasks, %.0f ms"
          + " (main thread busy with long tasks %.1f %%), %s animation frames; points received %s%n",
          windowMs / 1000, result.get("longTasks"), longTaskMs, 100 * longTaskMs / windowMs, result.get("frames"),
          result.get("points"));
      double seconds = windowMs / 1000;
      System.out.printf("CONSOLE-BENCH main thread (DevTools Performance metrics) busy %.1f %%: script %.1f %%,"
          + " layout %.1f %%, style %.1f %%; load average %.1f%n",
          100 * delta(metricsBefore, metricsAfter, "TaskDuration") / seconds,
          100 * delta(metricsBefore, metricsAfter, "ScriptDuration") / seconds,
          100 * delta(metricsBefore, metricsAfter, "LayoutDuration") / seconds,
          100 * delta(metricsBefore, metricsAfter, "RecalcStyleDuration") / seconds,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println("CONSOLE-BENCH plots drawn with " + browser.script("return window.lunarbaseStats.plotDrawing;"));
      System.out.println("CONSOLE-BENCH where the main thread goes (CPU profile, 10 s, self time):\n" + profile);
      assertThat(longTaskMs / windowMs).isLessThan(0.5);
    }
  }

  /** Chromium's own counters of the page's main thread (seconds of tasks, script, layout, style). */
  @SuppressWarnings("unchecked")
  private static Map<String, Double> metrics(Browser browser) {
    Map<String, Object> answer = browser.driver().executeCdpCommand("Performance.getMetrics", Map.of());
    Map<String, Double> metrics = new java.util.HashMap<>();
    for (Map<String, Object> metric : (List<Map<String, Object>>) answer.get("metrics")) {
      metrics.put((String) metric.get("name"), ((Number) metric.get("value")).doubleValue());
    }
    return metrics;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
    return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
  }
}
