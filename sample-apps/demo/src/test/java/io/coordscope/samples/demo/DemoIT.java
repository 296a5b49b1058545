package io.coordscope.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs {@code ./demo.sh} end to end with short timings (fault 30 s after start, for 45 s, 150 s
 * in all, on a free port range) and checks the story it tells from its plain-text output: the
 * expected alert goes pending → firing → resolved, the worker's health score falls below 80
 * during the fault and recovers, one trace crosses three services, and nothing it started is
 * left running or bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoIT {

  private static final Pattern EVENT_T = Pattern.compile("^t=(\\d+)s (.*)$");
  private static final Pattern ROW = Pattern.compile("^t=(\\d+)s service=worker score=(\\S+) ");
  private static final Pattern TRACE = Pattern.compile("^t=\\d+s trace ([0-9a-f]{32}) services=(\\S+)$");
  private static final String ALERT = "alert DemoErrorRatioHigh{job=\"worker\"} ";

  private final List<String> lines = new ArrayList<>();
  private final Set<ProcessHandle> seen = new HashSet<>();
  private DemoPorts ports;
  private int exit;
  private long faultOn = -1;
  private long faultOff = -1;

  @BeforeAll
  void runTheDemo() throws Exception {
    Path root = ProjectFiles.root();
    ports = new DemoPorts(freeBase(), 2);
    Path out = root.resolve("sample-apps/demo/target/demo-it-output.txt");
    ProcessBuilder pb = new ProcessBuilder(root.resolve("demo.sh").toString()).directory(root.toFile());
    pb.environment().put("DEMO_SECONDS", "150");
    pb.environment().put("DEMO_FAULT_AT", "30");
    pb.environment().put("DEMO_FAULT_SECONDS", "45");
    pb.environment().put("DEMO_PORT_BASE", Integer.toString(ports.base()));
    pb.environment().put("DEMO_REFRESH_MS", "2000");
    pb.environment().remove("OTEL_EXPORTER_OTLP_ENDPOINT");
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process demo = pb.start();
    // Remember every process the demo starts, to check afterwards that none survives.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(12);
    while (demo.isAlive() && System.nanoTime() < deadline) {
      demo.descendants().forEach(seen::add);
      demo.waitFor(1, TimeUnit.SECONDS);
    }
    if (demo.isAlive()) {
      demo.destroy();
      demo.waitFor(30, TimeUnit.SECONDS);
    }
    exit = demo.exitValue();
    lines.addAll(Files.readAllLines(out, StandardCharsets.UTF_8));
    for (String l : lines) {
      Matcher m = EVENT_T.matcher(l);
      if (m.matches() && m.group(2).startsWith("fault on")) {
        faultOn = Long.parseLong(m.group(1));
      } else if (m.matches() && m.group(2).startsWith("fault off")) {
        faultOff = Long.parseLong(m.group(1));
      }
    }
  }

  @Test
  void theDemoRanItsWholeStory() {
    assertThat(exit).as(String.join("\n", lines)).isZero();
    assertThat(faultOn).as("fault switched on").isGreaterThanOrEqualTo(30);
    assertThat(faultOff).as("fault switched off").isGreaterThanOrEqualTo(75);
  }

  @Test
  void theErrorAlertWentPendingThenFiringThenResolvedAroundTheFault() {
    // (time, state) of the worker's error alert. On an overloaded machine it may also fire before
    // the fault (timeouts are errors too), so the check is: firing while the fault is on, pending
    // before that, resolved after the fault is off.
    List<long[]> events = new ArrayList<>();
    List<String> states = List.of("pending", "firing", "resolved");
    for (String l : lines) {
      Matcher m = EVENT_T.matcher(l);
      if (m.matches() && m.group(2).startsWith(ALERT)) {
        events.add(new long[] {Long.parseLong(m.group(1)), states.indexOf(m.group(2).substring(ALERT.length()))});
      }
    }
    String story = String.join("\n", lines);
    int firing = -1;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i)[1] == 1 && events.get(i)[0] <= faultOff) {
        firing = i;
      }
    }
    assertThat(firing).as("DemoErrorRatioHigh{job=worker} firing before the fault was cleared\n" + story).isNotNegative();
    boolean pendingBefore = events.subList(0, firing).stream().anyMatch(e -> e[1] == 0);
    assertThat(pendingBefore).as("pending before firing\n" + story).isTrue();
    boolean resolvedAfter = events.subList(firing, events.size()).stream()
        .anyMatch(e -> e[1] == 2 && e[0] >= faultOff);
    assertThat(resolvedAfter).as("resolved after the fault was cleared\n" + story).isTrue();
  }

  @Test
  void theWorkersScoreFellBelow80DuringTheFaultAndRecovered() {
    double minDuring = Double.MAX_VALUE;
    double bestAfter = -1;
    boolean anyScore = false;
    for (String l : lines) {
      Matcher m = ROW.matcher(l);
      if (!m.find() || m.group(2).equals("n/a")) {
        continue;
      }
      anyScore = true;
      long t = Long.parseLong(m.group(1));
      double score = Double.parseDouble(m.group(2));
      if (t > faultOn && t <= faultOff + 10) {
        minDuring = Math.min(minDuring, score);
      } else if (t > faultOff + 10) {
        bestAfter = Math.max(bestAfter, score);
      }
    }
    assertThat(anyScore).as("the live view showed a worker health score").isTrue();
    assertThat(minDuring).as("lowest worker score during the fault").isLessThan(80);
    assertThat(bestAfter).as("best worker score after the fault").isGreaterThanOrEqualTo(80);
  }

  @Test
  void oneTraceCrossesThreeServices() {
    int widest = 0;
    String found = null;
    for (String l : lines) {
      Matcher m = TRACE.matcher(l);
      if (m.matches()) {
        Set<String> services = new HashSet<>();
        for (String s : m.group(2).split(",")) {
          services.add(s.startsWith("worker-") ? "worker" : s);
        }
        if (services.size() > widest) {
          widest = services.size();
          found = l;
        }
      }
    }
    assertThat(widest).as("spans in the logs at all").isGreaterThanOrEqualTo(1);
    assertThat(widest).as(found).isGreaterThanOrEqualTo(3);
  }

  @Test
  void nothingIsLeftRunningOrBound() {
    assertThat(seen).as("processes the demo started").hasSizeGreaterThanOrEqualTo(6);
    assertThat(seen.stream().filter(ProcessHandle::isAlive).toList()).as("still running").isEmpty();
    for (int port : ports.all()) {
      assertThat(Demo.free(port)).as("port " + port + " still bound").isTrue();
    }
  }

  /** A free base below the ephemeral range (32768+), where client sockets could take a port. */
  private static int freeBase() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + 100 * ThreadLocalRandom.current().nextInt(120);
      if (new DemoPorts(base, 2).all().stream().allMatch(Demo::free)) {
        return base;
      }
    }
    throw new IllegalStateException("no free range of demo ports found");
  }
}
