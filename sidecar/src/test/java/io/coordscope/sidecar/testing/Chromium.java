package io.coordscope.sidecar.testing;

import io.coordscope.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The real Debian Chromium driven through its chromedriver (WebDriver), headless, for browser
 * tests of the status page. Tests skip with {@link #ABSENT} where either binary is missing.
 */
public final class Chromium {

  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  public static final String ABSENT =
      BROWSER + " or " + DRIVER + " not installed (apt-get install chromium chromium-driver)";

  private Chromium() {}

  public static boolean available() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** Returns when both binaries are installed; else skips (or, with required peers, fails). */
  public static void require() {
    Peers.require("Chromium", available(), ABSENT);
  }

  /** A headless browser with its own profile in {@code userDataDir}; its console is logged. */
  public static ChromeDriver start(Path userDataDir, int width, int height) {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(BROWSER.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--no-first-run", "--user-data-dir=" + userDataDir,
        "--window-size=" + width + "," + height, "--hide-scrollbars");
    o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
    return new ChromeDriver(service, o);
  }
}
