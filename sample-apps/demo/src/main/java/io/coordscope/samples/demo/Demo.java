package io.coordscope.samples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The demo behind {@code ./demo.sh}: starts the sample services with the agent, the sidecar (and
 * Prometheus and Alertmanager when installed), injects a fault after a while and clears it later,
 * and shows the health score, rates, errors, alerts and one request's trace as they change.
 * Everything it starts is stopped when it ends or on Ctrl-C. Settings: {@link DemoSettings}.
 */
public final class Demo {

  private final DemoSettings s;
  private final PrintStream out;
  private final ProcessGroup group = new ProcessGroup();
  private final Path logs;
  private final Services services;

  Demo(DemoSettings s, PrintStream out) {
    this.s = s;
    this.out = out;
    this.logs = s.projectDir().resolve("target/demo");
    this.services = new Services(s, group, logs);
  }

  public static void main(String[] args) throws Exception {
    DemoSettings s;
    try {
      s = DemoSettings.from(System.getenv(), Path.of("").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.exit(new Demo(s, out).run());
  }

  int run() throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "demo-stop"));
    Files.createDirectories(logs);
    for (int port : s.ports().all()) {
      if (!free(port)) {
        out.println("demo: port " + port + " is taken; DEMO_PORT_BASE=<n> moves every demo port (now "
            + s.ports().base() + "), or stop what holds it");
        return 1;
      }
    }
    SidecarSetup sidecar = new SidecarSetup(s, services, logs);
    Path config = sidecar.prepare(out);
    if (config == null) {
      return 1;
    }
    out.println("starting the sample services with the agent (logs and spans: target/demo/*.log) ...");
    long startNanos = System.nanoTime();
    services.startBackends();
    if (!services.awaitHealthy(Duration.ofMinutes(5))) {
      return crashed();
    }
    services.startLoad();
    // the sidecar last: every target is up at its first scrape, no start-up "target down"
    sidecar.start(config);
    SidecarClient client = new SidecarClient(sidecar.url());
    long sidecarDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!client.ready()) {
      if (group.firstDead() != null || System.nanoTime() > sidecarDeadline) {
        return crashed();
      }
      Thread.sleep(250);
    }
    if (!services.awaitHealthy(Duration.ofMinutes(2))) {
      return crashed();
    }
    out.printf("services up after %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
    List<String> urls = urls(sidecar);
    LiveView view = new LiveView(out, s.tty(), urls);
    if (!s.tty()) {
      urls.forEach(out::println);
    }
    int code = new Timeline(s, services, group, client, view).run();
    if (code != 0) {
      return crashed();
    }
    printTrace();
    return 0;
  }

  private List<String> urls(SidecarSetup sidecar) {
    List<String> urls = new ArrayList<>();
    String base = sidecar.url();
    urls.add("status page      " + base + "/");
    urls.add("health (JSON)    " + base + "/api/v1/health");
    urls.add("alerts           " + base + "/api/v1/alerts");
    urls.add("sidecar metrics  " + base + "/metrics");
    StringBuilder agents = new StringBuilder("agent metrics   ");
    services.metricsPorts().forEach((name, port) -> agents.append(" ").append(name).append(" :").append(port));
    urls.add(agents.toString() + "  (http://127.0.0.1:PORT/metrics)");
    sidecar.peerUrls().forEach(urls::add);
    return urls;
  }

  private void printTrace() throws IOException {
    if (s.otlpEndpoint() != null) {
      out.println("traces were exported to " + s.otlpEndpoint()
          + ": open your trace UI and pick service load-driver, operation LoadDriver.submitOne");
      return;
    }
    Optional<TracePaths.Trace> t = TracePaths.widest(services.spanLogs());
    if (t.isEmpty()) {
      out.println("no spans found in target/demo/*.log");
      return;
    }
    out.println("one traced request, trace " + t.get().traceId() + " (" + t.get().spansByService().size() + " services):");
    out.println("  " + t.get().path());
  }

  private int crashed() {
    ProcessGroup.Started dead = group.firstDead();
    if (dead != null) {
      out.println("demo: " + dead.name() + " stopped (exit " + dead.process().exitValue() + "); last lines of "
          + s.projectDir().relativize(dead.log()) + ":");
      out.println(Services.tail(dead.log(), 15));
    } else {
      out.println("demo: the services did not become healthy in time; see target/demo/*.log");
    }
    return 1;
  }

  private void stop() {
    int n = group.stopAll();
    if (n > 0) {
      out.println("demo: stopped " + n + " processes");
    }
  }

  static boolean free(int port) {
    try (ServerSocket ss = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      ss.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

}
