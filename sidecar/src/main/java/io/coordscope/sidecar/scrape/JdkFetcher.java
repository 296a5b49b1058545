package io.coordscope.sidecar.scrape;

import java.io.IOException;
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

/**
 * {@code https://} scrapes through the JDK {@link HttpClient} (TLS, its redirects): kept out of
 * {@link HttpFetcher} so that a sidecar with only {@code http://} targets never loads this class,
 * the client, its TLS context and CA certificates, nor starts its threads.
 */
final class JdkFetcher {

  /**
   * Threads of the client's executor. The JDK client's default executor starts a new thread per
   * task on hosts with two CPUs or fewer; this one is bounded whatever the number of targets. Its
   * tasks only hand over completed I/O (the scrape threads wait for the result), so two suffice.
   */
  static final int CLIENT_THREADS = 2;

  /** Ends stalled downloads at the scrape timeout: one daemon thread for all targets, idle after a minute. */
  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private final HttpClient client;

  JdkFetcher(HttpClient client) {
    this.client = client;
  }

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
   * thread; redirects followed as {@link HttpClient.Redirect#NORMAL} (never https to http).
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

  /**
   * The raw body (still gzip-encoded if so) and headers of a 200, or a failure; waits at most {@code
   * wait} ({@code timeout} is what a timeout reports).
   */
  HttpFetcher.Raw fetch(URI uri, String[] headers, Duration wait, Duration timeout, long bodyLimit)
      throws ScrapeException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(wait).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpRequest request = b.build();
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
    }, wait.toMillis(), TimeUnit.MILLISECONDS);
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
        throw HttpFetcher.timedOut(timeout);
      }
      throw classify(e);
    } finally {
      watchdog.cancel(false);
    }
    if (response.statusCode() != 200) {
      throw HttpFetcher.status(response.statusCode());
    }
    return new HttpFetcher.Raw(response.body(), response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Content-Encoding").orElse(""));
  }

  private static ScrapeException classify(Exception cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof LimitedBodySubscriber.TooLarge) {
        return new ScrapeException(FailureReason.BODY_SIZE_LIMIT, t.getMessage());
      }
    }
    if (cause instanceof ConnectException) {
      return HttpFetcher.refused(cause);
    }
    return new ScrapeException(FailureReason.CONNECTION, HttpFetcher.message(cause));
  }
}
