package io.coordscope.benchmarks.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's only run of the start-up harness: one no-agent run of the do-nothing main completes and
 * every measure is reported. No figure is judged.
 */
class StartupBenchSmokeTest {

  @Test
  void oneNoAgentRunOfTheDoNothingMainReportsEveryMeasure(@TempDir Path out) throws Exception {
    BenchOptions o = BenchOptions.parse("--runs", "1", "--warmup", "0", "--cases", "none", "--apps", "hello",
        "--out", out.resolve("r.md").toString());
    String md = StartupBench.run(o);
    assertTrue(md.contains("| no agent | "), md);
    assertTrue(md.contains("JDK "), md);
    assertTrue(!md.contains("failed run"), md);
  }

  @Test
  void oneRunMeasuresTimeToMainWallCpuAndPeakRss(@TempDir Path dir) throws Exception {
    BenchOptions o = BenchOptions.parse("--cases", "none", "--apps", "hello");
    ProcessRun.Result r = ProcessRun.hello(o, AgentCase.NONE, dir, java.util.List.of());
    assertNull(r.failure);
    assertTrue(r.timeToMainMs > 0 && r.wallMs >= r.timeToMainMs, "time to main within the wall time");
    assertTrue(r.cpuMs >= 0 && r.peakRssMib > 0, "CPU and RSS from /proc");
    assertTrue(Files.isRegularFile(dir.resolve("stdout.txt")));
  }

  @Test
  void badOptionsNameWhatIsAllowed() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse("--cases", "jaeger"));
    assertEquals("unknown case 'jaeger'; allowed: none, coordscope, base, otel, otel+ext", e.getMessage());
  }
}
