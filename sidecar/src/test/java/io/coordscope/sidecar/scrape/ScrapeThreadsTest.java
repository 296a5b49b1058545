package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import io.coordscope.testsupport.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scraping uses a fixed number of threads whatever the number of targets: 1 target, then 100
 * (in-process targets on ephemeral ports), each scraped several times by the real scheduler.
 */
class ScrapeThreadsTest {

  private static final int TARGETS = 100;
  private static final byte[] BODY = body();

  private final List<HttpServer> servers = new ArrayList<>();
  private final AtomicIntegerArray scrapes = new AtomicIntegerArray(TARGETS);
  private ExecutorService serverThreads;
  private ScrapeManager manager;

  @AfterEach
  void tearDown() {
    if (manager != null) {
      manager.stop();
    }
    servers.forEach(s -> s.stop(0));
    if (serverThreads != null) {
      serverThreads.shutdownNow();
    }
  }

  @Test
  void threadCountStaysFixedFromOneToOneHundredTargets() throws Exception {
    // The targets and their (fixed) threads exist before the baseline is taken.
    serverThreads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "test-target");
      t.setDaemon(true);
      return t;
    });
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < TARGETS; i++) {
      addresses.add(startTarget(i));
    }
    serverThreads.submit(() -> { }).get();
    serverThreads.submit(() -> { }).get();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    long startedBefore = mx.getTotalStartedThreadCount();

    manager = new ScrapeManager(new MemorySeriesStore(Duration.ofMinutes(5), 100_000), Clock.systemUTC());
    manager.apply(List.of(ScrapeConfig.ofStatic("one", Duration.ofMillis(500), addresses.subList(0, 1))));
    manager.start();
    awaitScrapes(1);
    List<String> atOne = newThreads(before);

    manager.apply(List.of(ScrapeConfig.ofStatic("many", Duration.ofMillis(500), addresses)));
    int[] base = new int[TARGETS];
    for (int i = 0; i < TARGETS; i++) {
      base[i] = scrapes.get(i);
    }
    Await.until("three scrapes of each of " + TARGETS + " targets", Duration.ofSeconds(120), () -> {
      for (int i = 0; i < TARGETS; i++) {
        if (scrapes.get(i) - base[i] < 3) {
          return false;
        }
      }
      return true;
    });
    List<String> atHundred = newThreads(before);
    long started = mx.getTotalStartedThreadCount() - startedBefore;

    assertThat(manager.targets()).hasSize(TARGETS); // health may be down: a busy host can exceed the timeout
    assertThat(atOne).as("threads at 1 target").hasSizeLessThanOrEqualTo(ScrapeManager.MAX_THREADS)
        .allMatch(ScrapeThreadsTest::scrapeThread);
    assertThat(atHundred).as("threads at 100 targets").hasSizeLessThanOrEqualTo(ScrapeManager.MAX_THREADS)
        .allMatch(ScrapeThreadsTest::scrapeThread);
    // Threads started at any time (a thread per scrape would be 300+ here); 2 of slack for
    // threads the JVM itself may start meanwhile.
    assertThat(started).as("threads started while scraping " + TARGETS + " targets 3+ times")
        .isLessThanOrEqualTo(ScrapeManager.MAX_THREADS + 2);
  }

  private void awaitScrapes(int targets) throws InterruptedException {
    Await.until("three scrapes of " + targets + " target(s)", Duration.ofSeconds(60), () -> {
      for (int i = 0; i < targets; i++) {
        if (scrapes.get(i) < 3) {
          return false;
        }
      }
      return true;
    });
  }

  private static boolean scrapeThread(String name) {
    return name.startsWith("coordscope-scrape-") || name.matches("HttpClient-\\d+-SelectorManager");
  }

  private static List<String> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName).sorted().collect(Collectors.toList());
  }

  private String startTarget(int i) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(serverThreads);
    server.createContext("/metrics", exchange -> {
      scrapes.incrementAndGet(i);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    });
    server.start();
    servers.add(server);
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private static byte[] body() {
    StringBuilder sb = new StringBuilder("# TYPE work_total counter\n");
    for (int i = 0; i < 20; i++) {
      sb.append("work_total{op=\"op").append(i).append("\"} ").append(i).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
