package io.coordscope.samples.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the sample services with the agent attached through {@code JAVA_TOOL_OPTIONS}, each on
 * its own {@code metrics.port}, and knows where each listens and logs.
 */
final class Services {

  /** A small heap and a quick JIT: six JVMs share a laptop. */
  static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** Zero-code path: the load driver carries no annotation; these keys select its methods. */
  static final String LOAD_DRIVER_METHODS = "io.coordscope.samples.loaddriver.LoadDriver[submitOne]";
  static final String LOAD_DRIVER_KPIS = "io.coordscope.samples.loaddriver.LoadDriver[acceptedRatio]";

  private final DemoSettings s;
  private final ProcessGroup group;
  private final Path logs;
  private final String java = ProcessHandle.current().info().command().orElse("java");
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Path> logFiles = new LinkedHashMap<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  Services(DemoSettings s, ProcessGroup group, Path logs) {
    this.s = s;
    this.group = group;
    this.logs = logs;
  }

  Path jar(String module, String name) {
    return s.projectDir().resolve(module).resolve("target").resolve(name);
  }

  /** Starts the ledger, the workers and the coordinator; the load comes later ({@link #startLoad}). */
  void startBackends() throws IOException {
    DemoPorts p = s.ports();
    String coordinatorUrl = "http://127.0.0.1:" + p.coordinator();
    String ledgerUrl = "http://127.0.0.1:" + p.ledger();
    start("ledger", "ledger", jar("sample-apps/ledger", "sample-ledger.jar"), p.ledger(), Map.of());
    List<String> workerUrls = new ArrayList<>();
    for (int n = 1; n <= p.workers(); n++) {
      workerUrls.add("http://127.0.0.1:" + p.worker(n));
      start("worker-" + n, "worker", jar("sample-apps/worker", "sample-worker.jar"), p.worker(n),
          Map.of("WORKER_ID", "worker-" + n, "COORDINATOR_URL", coordinatorUrl, "LEDGER_URL", ledgerUrl));
    }
    start("coordinator", "coordinator", jar("sample-apps/coordinator", "sample-coordinator.jar"), p.coordinator(),
        Map.of("WORKERS", String.join(",", workerUrls)));
  }

  /** Starts the load driver, once the others answer: a story without start-up errors. */
  void startLoad() throws IOException {
    DemoPorts p = s.ports();
    String coordinatorUrl = "http://127.0.0.1:" + p.coordinator();
    start("load-driver", "load-driver", jar("sample-apps/load-driver", "sample-load-driver.jar"), p.loadDriver(),
        Map.of("COORDINATOR_URL", coordinatorUrl, "RATE", Integer.toString(s.rate()),
            "COORDSCOPE_METHODS_INCLUDE", LOAD_DRIVER_METHODS,
            "COORDSCOPE_KPI_METHODS_INCLUDE", LOAD_DRIVER_KPIS));
  }

  private void start(String name, String service, Path jar, int port, Map<String, String> extra)
      throws IOException {
    Path agent = jar("javaagent", "coordscope-agent.jar");
    Map<String, String> env = new HashMap<>(extra);
    env.put("PORT", Integer.toString(port));
    env.put("JAVA_TOOL_OPTIONS", "-javaagent:" + agent + "=service.name=" + service
        + ",metrics.port=" + s.ports().metricsOf(port) + ",metrics.host=127.0.0.1,metrics.slo=0.25");
    if (s.otlpEndpoint() == null) {
      env.put("OTEL_TRACES_EXPORTER", "logging");
    }
    Path log = logs.resolve(name + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(JVM_FLAGS);
    cmd.add("-jar");
    cmd.add(jar.toString());
    group.start(name, cmd, env, log);
    ports.put(name, port);
    logFiles.put(name, log);
  }

  /** Starts another program (the sidecar, Prometheus, Alertmanager) without the agent. */
  void startPlain(String name, List<String> cmd) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_TOOL_OPTIONS", null);
    Path log = logs.resolve(name + ".log");
    group.start(name, cmd, env, log);
    logFiles.put(name, log);
  }

  String java() {
    return java;
  }

  /** Waits until every sample service answers {@code /-/healthy}; false on timeout or a crash. */
  boolean awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Map.Entry<String, Integer> e : ports.entrySet()) {
      while (!answers("http://127.0.0.1:" + e.getValue() + "/-/healthy")) {
        if (System.nanoTime() > deadline || group.firstDead() != null) {
          return false;
        }
        Thread.sleep(250);
      }
    }
    return true;
  }

  boolean answers(String url) {
    try {
      HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
      return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Sets the fault switch ({@code errors=..&latency_ms=..}) of every instance of a service. */
  void fault(String service, String query) {
    for (Map.Entry<String, Integer> e : ports.entrySet()) {
      if (e.getKey().equals(service) || e.getKey().startsWith(service + "-")) {
        try {
          HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.getValue() + "/fault?" + query))
              .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.noBody()).build();
          http.send(r, HttpResponse.BodyHandlers.discarding());
        } catch (IOException ex) {
          // the view shows the service's state; nothing more to do here
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** Service instance name → its metrics port (agents only). */
  Map<String, Integer> metricsPorts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    ports.forEach((name, port) -> out.put(name, s.ports().metricsOf(port)));
    return out;
  }

  /** Span logs in the order a request travels: load driver, coordinator, workers, ledger. */
  Map<String, Path> spanLogs() {
    Map<String, Path> out = new LinkedHashMap<>();
    for (String first : List.of("load-driver", "coordinator")) {
      out.put(first, logFiles.get(first));
    }
    logFiles.forEach((name, path) -> {
      if (name.startsWith("worker-")) {
        out.put(name, path);
      }
    });
    out.put("ledger", logFiles.get("ledger"));
    return out;
  }

  /** The last lines of a log, for a crash report. */
  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
