package io.coordscope.samples.demo;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sidecar of the demo, and Prometheus and Alertmanager beside it when Debian's packages are
 * installed. A sidecar build without the health score rejects {@code coordscope.health}; the demo
 * then runs it without those keys and the view shows "score n/a".
 */
final class SidecarSetup {

  private final DemoSettings s;
  private final Services services;
  private final Path logs;
  private final DemoConfigs configs;
  private Path prometheus;
  private Path alertmanager;
  private boolean health;

  SidecarSetup(DemoSettings s, Services services, Path logs) {
    this.s = s;
    this.services = services;
    this.logs = logs;
    this.configs = new DemoConfigs(s.projectDir().resolve("sample-apps/demo"), logs, s.ports());
    if (s.peers()) {
      prometheus = onPath("prometheus");
      alertmanager = onPath("prometheus-alertmanager");
    }
  }

  String url() {
    return "http://127.0.0.1:" + s.ports().sidecar();
  }

  boolean health() {
    return health;
  }

  /** Writes and validates the run's sidecar.yml; null (after saying why) when it is invalid. */
  Path prepare(PrintStream out) throws IOException, InterruptedException {
    Path config = configs.sidecar(true, alertmanager != null);
    String problems = validate(config);
    health = problems == null;
    if (!health) {
      Path plain = configs.sidecar(false, alertmanager != null);
      String again = validate(plain);
      if (again != null) {
        out.println("demo: the sidecar refuses the demo's configuration:\n" + problems);
        return null;
      }
      out.println("note: this sidecar build has no health score (it refused: "
          + problems.lines().findFirst().orElse("") + "); scores show n/a");
      config = plain;
    }
    return config;
  }

  /** Runs {@code coordscope-sidecar validate}; null when valid, else its output. */
  private String validate(Path config) throws IOException, InterruptedException {
    List<String> cmd = List.of(services.java(), "-jar", sidecarJar().toString(), "validate", config.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("JAVA_TOOL_OPTIONS");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "validate did not finish in 60 s";
    }
    return p.exitValue() == 0 ? null : output.strip();
  }

  private Path sidecarJar() {
    return services.jar("sidecar", "coordscope-sidecar.jar");
  }

  void start(Path config) throws IOException {
    Path state = logs.resolve("alert-state.json");
    Files.deleteIfExists(state); // a fresh story: no alert timers from an earlier run
    services.startPlain("sidecar", List.of(services.java(), "-Xmx256m", "-jar", sidecarJar().toString(),
        "--config.file=" + config, "--web.listen-address=127.0.0.1:" + s.ports().sidecar(),
        "--state.file=" + state, "--storage.retention=30m"));
    if (alertmanager != null) {
      Path data = fresh(logs.resolve("alertmanager-data"));
      services.startPlain("alertmanager", List.of(alertmanager.toString(),
          "--config.file=" + configs.alertmanager(), "--storage.path=" + data,
          "--web.listen-address=127.0.0.1:" + s.ports().alertmanager(), "--cluster.listen-address="));
    }
    if (prometheus != null) {
      Path data = fresh(logs.resolve("prometheus-data"));
      services.startPlain("prometheus", List.of(prometheus.toString(),
          "--config.file=" + configs.prometheus(), "--storage.tsdb.path=" + data,
          "--web.listen-address=127.0.0.1:" + s.ports().prometheus()));
    }
  }

  List<String> peerUrls() {
    List<String> urls = new ArrayList<>();
    if (prometheus != null) {
      urls.add("prometheus       http://127.0.0.1:" + s.ports().prometheus() + "/");
    }
    if (alertmanager != null) {
      urls.add("alertmanager     http://127.0.0.1:" + s.ports().alertmanager() + "/");
    }
    if (prometheus == null && alertmanager == null) {
      urls.add("(prometheus / prometheus-alertmanager not installed or DEMO_PEERS=off: not started)");
    }
    return urls;
  }

  private static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(dir);
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
