package io.coordscope.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the coordscope agent's HTTP instrumentation itself costs per request, in-process and
 * without sockets: each benchmark makes the calls the agent's inlined advice makes for one request
 * ({@link AgentHooks}: the bridge, then the handler), on objects that need no network. Run in a
 * fork with the agent (see {@link HttpHookCost}) it measures the agent's work; run without it,
 * the same code with the hooks doing nothing, the floor to subtract.
 *
 * <ul>
 *   <li>{@link #urlConnectionClient}: {@code getInputStream} entered (CLIENT span started,
 *       {@code traceparent} set on the connection), its nested {@code connect} entered and left,
 *       {@code getInputStream} left with the response (status read, span ended).
 *   <li>{@link #httpClient}: {@code HttpClientImpl.sendAsync} entered (span started, the request
 *       copied with the headers) and left with an already completed response future (span ended).
 *   <li>{@link #httpServer}: one request through the context's filter chain, where the agent's
 *       SERVER filter reads the headers, extracts the caller's context ({@code incoming}: a sampled
 *       or unsampled {@code traceparent}, or none), starts the span, makes it current around the
 *       handler and ends it.
 * </ul>
 *
 * A request between two services under the agent pays one client hook and one server hook.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpHookCostBenchmark {

  static final String SAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
  static final String UNSAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

  private URL url;
  private HttpRequest request;
  private CompletableFuture<HttpResponse<Void>> answered;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    // The agent builds its handler when the JVM loads the first class it hooks (this is one).
    HttpServer.create().stop(0);
    url = URI.create("http://127.0.0.1:8080/ping").toURL();
    request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/ping")).timeout(Duration.ofSeconds(10)).build();
    answered = CompletableFuture.completedFuture(new InProcessResponse(request));
    InProcessConnection c = new InProcessConnection(url);
    Object st = AgentHooks.urlConnectionStart(c);
    expectHook("HttpURLConnection", c.getRequestProperty("traceparent") != null);
    AgentHooks.urlConnectionEnd(c, st, true, null);
    Object sent = httpClient();
    expectHook("HttpClient", ((HttpRequest) sent).headers().firstValue("traceparent").isPresent());
  }

  /** Fails the trial when the hooks do not what the fork's agent (or its absence) says: a figure of nothing. */
  static void expectHook(String what, boolean injected) {
    if (injected != AgentHooks.ATTACHED) {
      throw new IllegalStateException(AgentHooks.ATTACHED
          ? "the coordscope agent is attached but its " + what + " hook added no traceparent (propagators=none?)"
          : "no coordscope agent, yet the " + what + " request has a traceparent: another agent is attached");
    }
  }

  @Benchmark
  public Object urlConnectionClient() {
    InProcessConnection c = new InProcessConnection(url);
    Object outer = AgentHooks.urlConnectionStart(c); // getInputStream entered
    Object inner = AgentHooks.urlConnectionStart(c); // its connect entered
    if (inner != null) {
      AgentHooks.urlConnectionEnd(c, inner, false, null);
    }
    if (outer != null) {
      AgentHooks.urlConnectionEnd(c, outer, true, null);
    }
    return c;
  }

  @Benchmark
  public Object httpClient() {
    Object call = AgentHooks.clientStart(request);
    Object sent = call == null ? request : AgentHooks.clientRequest(call, request);
    if (call != null) {
      AgentHooks.clientEnd(call, answered, null);
    }
    return sent;
  }

  /** A server context with the agent's filter (added when the context is created), and one request to it. */
  @State(Scope.Thread)
  public static class Server {

    @Param({"sampled", "unsampled", "none"})
    public String incoming;

    private HttpServer server;
    private HttpContext context;
    private HttpHandler handler;
    private InProcessExchange exchange;

    @Setup(Level.Trial)
    public void start() throws IOException {
      server = HttpServer.create(); // unbound: no socket is ever listened on
      handler = ex -> ex.sendResponseHeaders(200, -1);
      context = server.createContext("/ping", handler);
      String traceparent = switch (incoming) {
        case "sampled" -> SAMPLED;
        case "unsampled" -> UNSAMPLED;
        case "none" -> null;
        default -> throw new IllegalArgumentException("incoming: '" + incoming + "'; allowed: sampled, unsampled, none");
      };
      exchange = new InProcessExchange(context, traceparent);
      expectHook("HttpServer", !context.getFilters().isEmpty());
    }

    @TearDown(Level.Trial)
    public void stop() {
      server.stop(0);
    }
  }

  @Benchmark
  public int httpServer(Server s) throws IOException {
    new Filter.Chain(s.context.getFilters(), s.handler).doFilter(s.exchange);
    return s.exchange.getResponseCode();
  }
}
