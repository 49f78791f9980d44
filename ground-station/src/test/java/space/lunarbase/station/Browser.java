package space.lunarbase.station;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, with the driver and browser named explicitly (so
 * Selenium Manager never looks for them on the network) and a profile of the test's own.
 */
final class Browser implements AutoCloseable {

  private final ChromeDriver driver;

  Browser(Path profile, int width, int height) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--user-data-dir=" + profile,
        "--window-size=" + width + "," + height);
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  ChromeDriver driver() {
    return driver;
  }

  /** What the page wrote to its console so far. */
  String consoleLog() {
    StringBuilder out = new StringBuilder();
    driver.manage().logs().get("browser").forEach(entry -> out.append(entry.getLevel()).append(' ')
        .append(entry.getMessage()).append('\n'));
    return out.toString();
  }

  Object script(String javascript, Object... args) {
    return driver.executeScript(javascript, args);
  }

  void screenshot(Path file) {
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
