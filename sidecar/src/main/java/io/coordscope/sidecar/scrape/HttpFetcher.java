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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
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
    AtomicReference<LimitedBodySubscriber> download = new AtomicReference<>();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
      LimitedBodySubscriber s = new LimitedBodySubscriber(bodyLimit);
      download.set(s);
      return s;
    });
    HttpResponse<byte[]> response;
    try {
      response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Headers may have arrived and the body stalled: stop the download as well as the exchange.
      LimitedBodySubscriber s = download.get();
      if (s != null) {
        s.abort();
      }
      future.cancel(true);
      throw new ScrapeException(FailureReason.TIMEOUT, "scrape timed out after " + seconds(timeout) + "s");
    } catch (ExecutionException e) {
      throw classify(e.getCause(), timeout);
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
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

  private static ScrapeException classify(Throwable cause, Duration timeout) {
    if (cause instanceof LimitedBodySubscriber.TooLarge) {
      return new ScrapeException(FailureReason.BODY_SIZE_LIMIT, cause.getMessage());
    }
    if (cause instanceof HttpTimeoutException) {
      return new ScrapeException(FailureReason.TIMEOUT, "scrape timed out after " + seconds(timeout) + "s");
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
