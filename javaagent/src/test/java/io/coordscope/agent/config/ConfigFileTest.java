package io.coordscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever {@code coordscope.config} names, reading it ends promptly: only a regular file of at
 * most 1 MiB is read, anything else is one line and no values. The timeouts only catch a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigFileTest {

  @TempDir Path dir;

  @Test
  void aRegularFileIsRead() throws IOException {
    Path f = dir.resolve("a.properties");
    Files.writeString(f, "coordscope.metrics.port=1\nlog.level=debug\n");
    Map<String, String> problems = new LinkedHashMap<>();

    assertThat(ConfigFile.read(f.toString(), problems)).containsExactly(Map.entry("metrics.port", "1"), Map.entry("log.level", "debug"));
    assertThat(problems).isEmpty();
  }

  @Test
  void aSymbolicLinkToARegularFileIsFollowed() throws IOException {
    Path f = dir.resolve("target.properties");
    Files.writeString(f, "metrics.port=2\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.properties"), f);

    assertThat(ConfigFile.read(link.toString(), new LinkedHashMap<>())).containsEntry("metrics.port", "2");
  }

  @Test
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available here");

    assertRefused(fifo.toString(), "not a regular file but a pipe, device or socket; only a regular file of at most 1 MiB is read");
  }

  @Test
  void devicesAndStdinAreRefused() {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero on this system");
    assertRefused("/dev/zero", "not a regular file but a pipe, device or socket");
    assertRefused("/dev/null", "not a regular file but a pipe, device or socket");
  }

  @Test
  void aDirectoryIsRefused() {
    assertRefused(dir.toString(), "not a regular file but a directory");
  }

  @Test
  void aFileOverOneMebibyteIsRefused() throws IOException {
    Path big = dir.resolve("big.properties");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(ConfigFile.MAX_BYTES + 1L);
    }
    assertRefused(big.toString(), (ConfigFile.MAX_BYTES + 1L) + " bytes; only a regular file of at most 1 MiB is read");
  }

  @Test
  void invalidUtf8IsRefused() throws IOException {
    Path f = dir.resolve("latin1.properties");
    Files.write(f, new byte[] {'a', '=', (byte) 0xE9, '\n'});
    assertRefused(f.toString(), "MalformedInputException");
  }

  private static void assertRefused(String path, String reason) {
    Map<String, String> problems = new LinkedHashMap<>();

    assertThat(ConfigFile.read(path, problems)).isEmpty();
    assertThat(problems.values())
        .singleElement()
        .asString()
        .startsWith("cannot read config file config='" + path + "' (")
        .contains(reason)
        .endsWith("): ignoring it, using agent arguments, system properties, environment and defaults");
  }
}
