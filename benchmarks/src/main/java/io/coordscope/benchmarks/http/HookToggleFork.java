package io.coordscope.benchmarks.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM {@link HookToggle} forks, with the agent attached: a JDK {@code HttpServer} and a client
 * in this JVM, and the hooks switched on and off between phases of the same loop (see
 * {@link Toggle}). Prints one {@value #PREFIX} line per client and toggle; {@link HookToggle} reads
 * them.
 *
 * <p>Arguments: {@code PAIRS PHASE WARMUP CLIENTS TOGGLES} (the lists comma-separated).
 */
public final class HookToggleFork {

  static final String PREFIX = "HOOKTOGGLE\t";
  /** A {@code traceparent} as the agent injects one for an unsampled request. */
  static final String TRACEPARENT = HttpRoundTripBenchmark.TRACEPARENT;

  /** What differs between the two phases of a pair; everything else is the same in both. */
  enum Toggle {
    /**
     * No hook in either phase; in the "on" phase the application sets a {@code traceparent} itself:
     * what the JDK's client and server spend on one more header line, the floor under any agent
     * that propagates.
     */
    header,
    /** The server's filter in both phases; the agent's handler (client hooks) in the "on" phase only. */
    client,
    /** The agent's handler in both phases; the server's filter in the "on" phase only. */
    server,
    /** Everything in the "on" phase, nothing in the "off" phase. */
    both
  }

  private final HttpServer server;
  private final ExecutorService serverThreads;
  /** Requests the server saw with a {@code traceparent} header, to check each phase. */
  private final AtomicLong withHeader = new AtomicLong();
  private final URL hooked;
  private final URL unhooked;
  private final HttpClient httpClient;
  private final HttpRequest hookedRequest;
  private final HttpRequest unhookedRequest;
  private final HttpRequest unhookedWithHeader;
  private final Object agentHandler;

  private HookToggleFork() throws IOException {
    if (!AgentHooks.ATTACHED) {
      throw new IllegalStateException("run with the coordscope agent attached (-javaagent)");
    }
    serverThreads = Executors.newFixedThreadPool(2);
    server = HttpRoundTripBenchmark.loopbackServer(serverThreads);
    HttpHandler handler = ex -> {
      if (ex.getRequestHeaders().containsKey("traceparent")) {
        withHeader.incrementAndGet();
      }
      HttpRoundTripBenchmark.answerOk(ex);
    };
    HttpContext on = server.createContext("/hooked", handler);
    HttpContext off = server.createContext("/unhooked", handler);
    if (on.getFilters().size() != 1 || off.getFilters().size() != 1) {
      throw new IllegalStateException("the agent did not add its SERVER span filter to the contexts: " + on.getFilters());
    }
    off.getFilters().clear(); // the same handler, without the agent's filter
    // The agent builds its handler at the first hooked class (here ServerImpl): take it now, and
    // make sure it is not the no-op one.
    agentHandler = AgentHooks.handler();
    AgentHooks.install(null);
    Object noop = AgentHooks.handler();
    AgentHooks.install(agentHandler);
    if (agentHandler == null || agentHandler == noop) {
      throw new IllegalStateException("the agent's propagation is not installed (is propagators=none set?)");
    }
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    hooked = new URL(base + "/hooked");
    unhooked = new URL(base + "/unhooked");
    httpClient = HttpClient.newHttpClient();
    hookedRequest = HttpRequest.newBuilder(URI.create(base + "/hooked")).timeout(Duration.ofSeconds(10)).build();
    unhookedRequest = HttpRequest.newBuilder(URI.create(base + "/unhooked")).timeout(Duration.ofSeconds(10)).build();
    unhookedWithHeader = HttpRequest.newBuilder(URI.create(base + "/unhooked")).timeout(Duration.ofSeconds(10))
        .header("traceparent", TRACEPARENT).build();
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException("usage: HookToggleFork PAIRS PHASE WARMUP CLIENTS TOGGLES");
    }
    int pairs = Integer.parseInt(args[0]);
    int phase = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    HookToggleFork fork = new HookToggleFork();
    try {
      for (String client : args[3].split(",")) {
        for (String toggle : args[4].split(",")) {
          System.out.println(PREFIX + fork.measure(client, Toggle.valueOf(toggle), pairs, phase, warmup));
          System.out.flush();
        }
      }
    } finally {
      AgentHooks.install(fork.agentHandler);
      fork.server.stop(0);
      fork.serverThreads.shutdownNow();
    }
  }

  /** One client and toggle: {@code client toggle pairs phase} then each pair's on and off µs and the CPU totals. */
  private String measure(String client, Toggle toggle, int pairs, int phase, int warmup) throws Exception {
    for (int i = 0; i < warmup; i++) {
      request(client, toggle, i % 2 == 0);
    }
    double[] on = new double[pairs];
    double[] off = new double[pairs];
    long cpuOn = 0;
    long cpuOff = 0;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int p = 0; p < pairs; p++) {
      for (int k = 0; k < 2; k++) {
        boolean isOn = (k == 0) == (p % 2 == 0); // the order alternates: on-off, off-on, ...
        long before = withHeader.get();
        set(toggle, isOn);
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < phase; i++) {
          send(client, toggle, isOn);
        }
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        check(toggle, isOn, withHeader.get() - before, phase);
        double us = (t1 - t0) / 1e3 / phase;
        if (isOn) {
          on[p] = us;
          cpuOn += c1 - c0;
        } else {
          off[p] = us;
          cpuOff += c1 - c0;
        }
      }
    }
    AgentHooks.install(agentHandler);
    return String.join("\t", client, toggle.name(), Integer.toString(pairs), Integer.toString(phase),
        join(on), join(off), Long.toString(cpuOn), Long.toString(cpuOff));
  }

  private void request(String client, Toggle toggle, boolean isOn) throws Exception {
    set(toggle, isOn);
    send(client, toggle, isOn);
  }

  private void set(Toggle toggle, boolean isOn) {
    boolean handler = toggle == Toggle.server || (isOn && toggle != Toggle.header);
    AgentHooks.install(handler ? agentHandler : null);
  }

  private void send(String client, Toggle toggle, boolean isOn) throws Exception {
    boolean filter = toggle == Toggle.client || (isOn && toggle != Toggle.header);
    boolean appHeader = toggle == Toggle.header && isOn;
    switch (client) {
      case "urlConnection":
        HttpRoundTripBenchmark.urlConnection(filter ? hooked : unhooked, appHeader);
        break;
      case "httpClient":
        HttpRequest r = filter ? hookedRequest : appHeader ? unhookedWithHeader : unhookedRequest;
        httpClient.send(r, HttpResponse.BodyHandlers.discarding());
        break;
      default:
        throw new IllegalArgumentException("unknown client '" + client + "'; allowed: " + HookToggle.CLIENTS);
    }
  }

  /** Fails the run when a phase did not do what the toggle says: it would time nothing. */
  private static void check(Toggle toggle, boolean isOn, long seenWithHeader, int requests) {
    boolean expectHeader = toggle == Toggle.server || isOn;
    long expected = expectHeader ? requests : 0;
    if (seenWithHeader != expected) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "toggle %s, %s phase: %d of %d requests arrived with a traceparent, expected %d", toggle,
          isOn ? "on" : "off", seenWithHeader, requests, expected));
    }
  }

  private static String join(double[] values) {
    return String.join(",", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).toList());
  }
}
