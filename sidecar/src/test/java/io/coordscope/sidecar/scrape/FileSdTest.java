package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.testing.RecordingAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** file_sd files: read, re-read on change, a bad file keeps the last good targets. */
class FileSdTest {

  private static final long T0 = 1_700_000_000_000L;

  @TempDir
  Path dir;

  private ExpositionServer a;
  private ExpositionServer b;
  private RecordingAppender store;
  private ScrapeManager manager;
  private long mtime = 1_600_000_000_000L;

  @BeforeEach
  void setUp() throws Exception {
    a = new ExpositionServer();
    b = new ExpositionServer();
    a.reply = Reply.text("x 1\n");
    b.reply = Reply.text("y 1\n");
    store = new RecordingAppender();
    manager = new ScrapeManager(store, new FakeClock(T0));
  }

  @AfterEach
  void tearDown() {
    manager.stop();
    a.close();
    b.close();
  }

  /** Writes the file with a new modification time, as an editor's save would. */
  private void write(Path file, String content) throws Exception {
    Files.writeString(file, content);
    mtime += 1000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(mtime));
  }

  private ScrapeConfig config(String glob) {
    return new ScrapeConfig("agents", null, null, Duration.ofSeconds(15), null, 0, 0, false, true, List.of(),
        List.of(new FileSdConfig(List.of(dir.resolve(glob).toString()), Duration.ofSeconds(30))), Map.of());
  }

  @Test
  void changesAreReReadAndABadFileKeepsTheLastGoodList() throws Exception {
    Path file = dir.resolve("targets.json");
    write(file, "[{\"targets\": [\"" + a.address() + "\"], \"labels\": {\"team\": \"core\"}}]");
    manager.apply(List.of(config("*.json")));
    assertThat(manager.targets()).extracting(TargetStatus::instance).containsExactly(a.address());
    assertThat(manager.targets().get(0).labels()).isEqualTo(
        Labels.of("job", "agents", "instance", a.address(), "team", "core"));

    write(file, "[{\"targets\": [\"" + a.address() + "\", \"" + b.address() + "\"], \"labels\": {\"team\": \"core\"}}]");
    manager.refreshDiscovery();
    assertThat(manager.targets()).extracting(TargetStatus::instance).containsExactlyInAnyOrder(a.address(), b.address());
    manager.scrapeAllOnce(T0);

    write(file, "[{\"targets\": [\"" + a.address() + "\"], \"labels\": {\"team\": ");
    manager.refreshDiscovery();
    assertThat(manager.targets()).hasSize(2);
    assertThat(manager.discoveryErrors()).containsOnlyKeys(file.toString());
    assertThat(manager.discoveryErrors().get(file.toString())).startsWith(file + ":1: Unexpected end-of-input");
    assertThat(manager.stats().fileSdErrors()).isEqualTo(1);

    write(file, "[{\"targets\": [\"" + a.address() + "\"], \"labels\": {\"team\": \"core\"}}]");
    manager.refreshDiscovery();
    assertThat(manager.discoveryErrors()).isEmpty();
    assertThat(manager.targets()).extracting(TargetStatus::instance).containsExactly(a.address());
    // The target that left the file is gone: its series are marked stale.
    Labels y = Labels.of("__name__", "y", "job", "agents", "instance", b.address(), "team", "core");
    assertThat(store.stale(T0)).contains(y.toString());
  }

  @Test
  void yamlFilesAndGlobsAreRead() throws Exception {
    write(dir.resolve("a.yml"), "- targets: ['" + a.address() + "']\n  labels:\n    zone: eu\n");
    write(dir.resolve("b.yaml"), "- targets:\n    - " + b.address() + "\n");
    write(dir.resolve("ignored.txt"), "not a target file");
    manager.apply(List.of(config("*.y*ml")));
    assertThat(manager.targets()).extracting(TargetStatus::instance).containsExactlyInAnyOrder(a.address(), b.address());
    assertThat(manager.discoveryErrors()).isEmpty();
  }

  @Test
  void strictFormatErrorsNameTheProblem() throws Exception {
    Path file = dir.resolve("t.json");
    write(file, "[{\"targets\": [\"h:1\"], \"lables\": {}}]");
    manager.apply(List.of(config("t.json")));
    assertThat(manager.discoveryErrors().get(file.toString())).endsWith("group 1: unknown key \"lables\"; allowed: targets, labels");

    write(file, "[{\"targets\": [\"http://h:1/metrics\"]}]");
    manager.refreshDiscovery();
    assertThat(manager.discoveryErrors().get(file.toString())).endsWith("target address \"http://h:1/metrics\" is not host:port");

    write(file, "[{\"targets\": [\"h:1\"], \"labels\": {\"a-b\": \"c\"}}]");
    manager.refreshDiscovery();
    assertThat(manager.discoveryErrors().get(file.toString())).endsWith("invalid label name \"a-b\"");
    assertThat(manager.targets()).isEmpty();
  }

  @Test
  void aDeletedFileDropsItsTargets() throws Exception {
    Path file = dir.resolve("t.json");
    write(file, "[{\"targets\": [\"" + a.address() + "\"]}]");
    manager.apply(List.of(config("t.json")));
    assertThat(manager.targets()).hasSize(1);
    Files.delete(file);
    manager.refreshDiscovery();
    assertThat(manager.targets()).isEmpty();
  }
}
