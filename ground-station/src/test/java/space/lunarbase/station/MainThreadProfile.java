package space.lunarbase.station;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A sampling CPU profile of a page's main thread through the DevTools protocol ({@code Profiler}
 * domain), summed by function: where the page spends its time, as shares of all samples.
 */
record MainThreadProfile(Map<String, Long> selfSamples, long total) {

  /** Profiles the page for {@code window} (sampling every 200 µs). */
  @SuppressWarnings("unchecked")
  static MainThreadProfile record(ChromeDriver driver, Duration window) {
    driver.executeCdpCommand("Profiler.enable", Map.of());
    driver.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 200));
    driver.executeCdpCommand("Profiler.start", Map.of());
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < end) {
      LockSupport.parkNanos(end - System.nanoTime());
    }
    Map<String, Object> profile = (Map<String, Object>) driver.executeCdpCommand("Profiler.stop", Map.of())
        .get("profile");
    driver.executeCdpCommand("Profiler.disable", Map.of());
    Map<String, Long> self = new HashMap<>();
    long total = 0;
    for (Map<String, Object> node : (List<Map<String, Object>>) profile.get("nodes")) {
      long hits = ((Number) node.getOrDefault("hitCount", 0)).longValue();
      Map<String, Object> frame = (Map<String, Object>) node.get("callFrame");
      String url = String.valueOf(frame.get("url"));
      String name = frame.get("functionName") + (url.isEmpty() ? "" : " " + url.substring(url.lastIndexOf('/') + 1)
          + ":" + (((Number) frame.get("lineNumber")).intValue() + 1));
      self.merge(name, hits, Long::sum);
      total += hits;
    }
    return new MainThreadProfile(self, total);
  }

  /** The {@code n} functions with the most self time, one a line, with their share. */
  String top(int n) {
    return selfSamples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
        .map(e -> "  %5.1f %%  %s".formatted(100.0 * e.getValue() / Math.max(1, total), e.getKey()))
        .collect(Collectors.joining("\n"));
  }
}
