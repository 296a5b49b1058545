package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.exposition.ExpositionFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one scrape body as Prometheus does: {@code Accept} preferring OpenMetrics, gzip
 * accepted, {@code X-Prometheus-Scrape-Timeout-Seconds}, the whole exchange bounded by the scrape
 * timeout and the body (compressed and uncompressed) by the size limit.
 */
final class HttpFetcher {

  /** A fetched body and its declared content type ("" when absent). */
  record Response(byte[] body, String contentType) {}

  static final String USER_AGENT = "coordscope-sidecar/0.1";

  private final HttpClient client;

  HttpFetcher(HttpClient client) {
    this.client = client;
  }

  /**
   * Threads of the client's executor. The JDK client's default executor starts a new thread per
   * task on hosts with two CPUs or fewer; this one is bounded whatever the number of targets. Its
   * tasks only hand over completed I/O (the scrape threads wait for the result), so two suffice.
   */
  static final int CLIENT_THREADS = 2;

  /** Ends stalled downloads at the scrape timeout: one daemon thread for all targets, idle after a minute. */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "coordscope-scrape-timeout");
      t.setDaemon(true);
      return t;
    });
    w.setRemoveOnCancelPolicy(true);
    w.setKeepAliveTime(60, TimeUnit.SECONDS);
    w.allowCoreThreadTimeOut(true);
    return w;
  }

  /**
   * A client on a bounded executor of {@value #CLIENT_THREADS} daemon threads named {@code
   * coordscope-scrape-http-N} (idle ones end after a minute), plus the client's own selector
   * thread.
   */
  static HttpClient defaultClient() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(CLIENT_THREADS, CLIENT_THREADS, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "coordscope-scrape-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .executor(executor)
        .build();
  }

  Response fetch(String url, Duration timeout, long bodyLimit) throws ScrapeException, InterruptedException {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url))
          .timeout(timeout)
          .header("Accept", ExpositionFormat.ACCEPT_HEADER)
          .header("Accept-Encoding", "gzip")
          .header("User-Agent", USER_AGENT)
          .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(timeout))
          .GET()
          .build();
    } catch (IllegalArgumentException e) {
      // e.g. a __scheme__ or __metrics_path__ group label that makes no URL
      throw new ScrapeException(FailureReason.CONNECTION, "invalid scrape URL " + url + ": " + e.getMessage());
    }
    // A blocking send in the scrape thread: sendAsync would hand each response to the JDK's
    // default async pool, which starts a thread per task on hosts with two CPUs or fewer.
    AtomicReference<LimitedBodySubscriber> download = new AtomicReference<>();
    AtomicBoolean timedOut = new AtomicBoolean();
    // The request timeout ends waiting for headers; the watchdog ends a body that stalls after them.
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
      timedOut.set(true);
      LimitedBodySubscriber s = download.get();
      if (s != null) {
        s.abort();
      }
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, info -> {
        LimitedBodySubscriber s = new LimitedBodySubscriber(bodyLimit);
        download.set(s);
        if (timedOut.get()) {
          s.abort();
        }
        return s;
      });
    } catch (IOException | RuntimeException e) {
      if (timedOut.get() || e instanceof HttpTimeoutException) {
        throw new ScrapeException(FailureReason.TIMEOUT, "scrape timed out after " + seconds(timeout) + "s");
      }
      throw classify(e);
    } finally {
      watchdog.cancel(false);
    }
    if (response.statusCode() != 200) {
      throw new ScrapeException(FailureReason.HTTP_STATUS, "server returned HTTP status " + response.statusCode());
    }
    byte[] body = response.body();
    if (response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
      body = gunzip(body, bodyLimit);
    }
    return new Response(body, response.headers().firstValue("Content-Type").orElse(""));
  }

  private static ScrapeException classify(Exception cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof LimitedBodySubscriber.TooLarge) {
        return new ScrapeException(FailureReason.BODY_SIZE_LIMIT, t.getMessage());
      }
    }
    if (cause instanceof ConnectException) {
      return new ScrapeException(FailureReason.CONNECTION, "connection refused or unreachable: " + message(cause));
    }
    return new ScrapeException(FailureReason.CONNECTION, message(cause));
  }

  private static byte[] gunzip(byte[] gz, long limit) throws ScrapeException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + (long) n > limit) {
          throw new ScrapeException(FailureReason.BODY_SIZE_LIMIT,
              "uncompressed body exceeds the limit of " + limit + " bytes");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new ScrapeException(FailureReason.PARSE, "invalid gzip body: " + message(e));
    }
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
  }

  /** Seconds as Go's FormatFloat(s, 'f', -1) prints them: 10, 0.5. */
  static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
