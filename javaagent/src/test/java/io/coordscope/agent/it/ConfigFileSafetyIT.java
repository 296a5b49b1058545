package io.coordscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coordscope.agent.it.app.HelloApp;
import io.coordscope.agent.it.support.ForkedJvm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code coordscope.config} naming something that is not a small regular file never holds up the
 * application: it starts, prints its line and exits, and the agent says in one line why it
 * ignored the file. Before, a FIFO or {@code /dev/stdin} hung premain forever and {@code
 * /dev/zero} ran out of memory. The forked JVM's stdin is a pipe the test keeps open, so reading
 * {@code /dev/stdin} would block. Times are printed, not asserted (the fork's own timeout only
 * catches a hang).
 */
class ConfigFileSafetyIT {

  @TempDir Path dir;

  @ParameterizedTest(name = "JDK {0}, {1}")
  @CsvSource({
    "17, fifo", "17, /dev/zero", "17, /dev/stdin", "17, directory", "17, oversized",
    "25, fifo", "25, /dev/zero", "25, /dev/stdin", "25, directory", "25, oversized"
  })
  void theApplicationStartsPromptlyWithoutTheFile(String jdk, String what) throws Exception {
    String path = target(what);
    long t0 = System.nanoTime();
    ForkedJvm.Result r =
        ForkedJvm.jdk(jdk)
            .withAgent(AgentSafetyIT.QUIET)
            .sysProp("coordscope.config", path)
            .timeout(Duration.ofSeconds(120))
            .main(HelloApp.class)
            .run();
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    System.out.println("[figures] JDK " + jdk + ", coordscope.config=" + what + ": application ran to its exit in " + ms + " ms");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).isEqualTo(HelloApp.LINE + System.lineSeparator());
    assertThat(r.stderr()).doesNotContain("OutOfMemoryError");
    assertThat(r.agentLines())
        .filteredOn(l -> l.contains("config file"))
        .singleElement()
        .asString()
        .startsWith("[coordscope] WARN cannot read config file config='" + path + "' (")
        .contains("only a regular file of at most 1 MiB is read");
  }

  private String target(String what) throws IOException, InterruptedException {
    switch (what) {
      case "fifo":
        Path fifo = dir.resolve("agent.fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");
        return fifo.toString();
      case "directory":
        return dir.toString();
      case "oversized":
        Path big = dir.resolve("big.properties");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
          f.setLength(2L << 20);
        }
        return big.toString();
      default:
        assumeTrue(Files.exists(Path.of(what)), what + " does not exist on this system");
        return what;
    }
  }
}
