package io.coordscope.benchmarks.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One loopback request to a JDK {@code HttpServer} in the same JVM, which answers {@code 200 ok}:
 * {@link #roundTrip} sends it with {@code java.net.http.HttpClient.send}, {@link #urlConnection}
 * with {@code HttpURLConnection} (keep-alive, as by default). The application code has no tracing
 * of its own, so run with an agent attached (see {@link HttpOverhead}) the difference is the
 * agent's per-request cost: a CLIENT span with header injection and a SERVER span with extraction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpRoundTripBenchmark {

  private HttpServer server;
  private ExecutorService serverThreads;
  private HttpClient client;
  private HttpRequest request;
  private URL url;

  @Setup(Level.Trial)
  public void start() throws IOException {
    serverThreads = Executors.newFixedThreadPool(2);
    server = loopbackServer(serverThreads);
    server.createContext("/ping", HttpRoundTripBenchmark::answerOk);
    server.start();
    client = HttpClient.newHttpClient();
    request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping"))
        .timeout(Duration.ofSeconds(10))
        .build();
    url = request.uri().toURL();
  }

  /** An unstarted JDK {@code HttpServer} on a free loopback port, its exchanges run by {@code threads}. */
  static HttpServer loopbackServer(ExecutorService threads) throws IOException {
    // Without it the server's separate header and body writes meet delayed ACKs (~40 ms a request).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    s.setExecutor(threads);
    return s;
  }

  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  /** The benchmarks' handler: reads the request body, answers {@code 200 ok}. */
  static void answerOk(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.sendResponseHeaders(200, OK.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(OK);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  @Benchmark
  public int roundTrip() throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Benchmark
  public int urlConnection() throws IOException {
    return urlConnection(url, false);
  }

  /** A {@code traceparent} as an agent would inject it for an unsampled request (flags {@code 00}). */
  static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

  /**
   * {@link #urlConnection} with the application itself setting a {@code traceparent} header:
   * without an agent, the JDK's own cost of one more header line on the client and the server,
   * the floor under any agent that propagates.
   */
  @Benchmark
  public int urlConnectionWithHeader() throws IOException {
    return urlConnection(url, true);
  }

  /** One keep-alive {@code HttpURLConnection} GET, read to the end; with {@link #TRACEPARENT} set by the caller if asked. */
  static int urlConnection(URL url, boolean withTraceparent) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    if (withTraceparent) {
      c.setRequestProperty("traceparent", TRACEPARENT);
    }
    try (InputStream in = c.getInputStream()) {
      in.readAllBytes(); // read to the end, or the connection is not reused
    }
    return c.getResponseCode();
  }
}
