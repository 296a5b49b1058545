package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.exposition.ExpositionFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Fetches one scrape body as Prometheus does: {@code Accept} preferring OpenMetrics, gzip
 * accepted, {@code User-Agent}, {@code X-Prometheus-Scrape-Timeout-Seconds}, the whole exchange
 * bounded by the scrape timeout and the body (compressed and uncompressed) by the size limit, up to
 * {@value #MAX_REDIRECTS} redirects followed (301, 302, 303, 307, 308; never from https to http).
 *
 * <p>{@code http://} targets go through the target's own {@link ScrapeConnection}, a blocking
 * HTTP/1.1 client run by the scrape thread; {@code https://} targets through the JDK {@link
 * HttpClient} ({@link JdkFetcher}), created when the first one is scraped, so a sidecar with only
 * http targets never initialises TLS nor starts the client's threads.
 */
final class HttpFetcher {

  /** A fetched body and its declared content type ("" when absent). */
  record Response(byte[] body, String contentType) {}

  /** A 200's body as received and the two headers that matter ("" when absent). */
  record Raw(byte[] body, String contentType, String contentEncoding) {}

  static final String USER_AGENT = "coordscope-sidecar/0.1";
  /** As the JDK client's default ({@code jdk.httpclient.redirects.retrylimit}). */
  static final int MAX_REDIRECTS = 5;

  private final Supplier<HttpClient> httpsClient;
  private JdkFetcher https;

  /** A fetcher whose https targets use {@code client}. */
  HttpFetcher(HttpClient client) {
    this(() -> client);
  }

  /** A fetcher that asks {@code httpsClient} for a client when the first https target is scraped. */
  HttpFetcher(Supplier<HttpClient> httpsClient) {
    this.httpsClient = httpsClient;
  }

  /** The default: https through {@link JdkFetcher#defaultClient()}, created on first use. */
  static HttpFetcher lazyDefault() {
    return new HttpFetcher(() -> JdkFetcher.defaultClient());
  }

  /** The JDK's client on the bounded executor, as https targets use by default (tests). */
  static HttpClient defaultClient() {
    return JdkFetcher.defaultClient();
  }

  /**
   * Fetches {@code url}; an http one over {@code connection} (the target's, kept open for the next
   * scrape when the response allows).
   */
  Response fetch(ScrapeConnection connection, String url, Duration timeout, long bodyLimit)
      throws ScrapeException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI uri = parse(url, "invalid scrape URL " + url);
    String[] headers = {
        "Accept", ExpositionFormat.ACCEPT_HEADER,
        "Accept-Encoding", "gzip",
        "User-Agent", USER_AGENT,
        "X-Prometheus-Scrape-Timeout-Seconds", seconds(timeout)};
    Raw raw = null;
    for (int redirects = 0; raw == null; redirects++) {
      if (uri.getScheme().equals("https")) {
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        raw = https().fetch(uri, headers, left, timeout, bodyLimit);
        break;
      }
      ScrapeConnection.Result r = get(connection, uri, headers, deadline, timeout, bodyLimit);
      int status = r.head().status();
      String location = r.head().header("location");
      if (status == 200) {
        raw = new Raw(r.body(), r.head().header("content-type"), r.head().header("content-encoding"));
      } else if (location.isEmpty() || !(status == 301 || status == 302 || status == 303 || status == 307
          || status == 308)) {
        throw status(status);
      } else if (redirects == MAX_REDIRECTS) {
        throw new ScrapeException(FailureReason.CONNECTION, "more than " + MAX_REDIRECTS + " redirects");
      } else {
        uri = parse(resolve(uri, location), "invalid redirect from " + uri + " to " + ResponseHead.quote(location));
      }
    }
    byte[] body = raw.body();
    if (raw.contentEncoding().equalsIgnoreCase("gzip")) {
      body = gunzip(body, bodyLimit);
    }
    return new Response(body, raw.contentType());
  }

  private static ScrapeConnection.Result get(ScrapeConnection connection, URI uri, String[] headers, long deadline,
      Duration timeout, long bodyLimit) throws ScrapeException {
    StringBuilder lines = new StringBuilder(256);
    for (int i = 0; i < headers.length; i += 2) {
      lines.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    try {
      return connection.get(uri, lines.toString(), deadline, bodyLimit);
    } catch (SocketTimeoutException e) {
      throw timedOut(timeout);
    } catch (ConnectException e) {
      throw refused(e);
    } catch (ResponseHead.Malformed e) {
      throw new ScrapeException(FailureReason.CONNECTION, e.getMessage());
    } catch (IOException e) {
      if (System.nanoTime() - deadline >= 0) {
        throw timedOut(timeout);
      }
      throw new ScrapeException(FailureReason.CONNECTION, message(e));
    }
  }

  private synchronized JdkFetcher https() {
    if (https == null) {
      https = new JdkFetcher(httpsClient.get());
    }
    return https;
  }

  /** An absolute http(s) URL with a host, made ASCII (the request line carries it as is). */
  private static URI parse(String url, String what) throws ScrapeException {
    try {
      URI uri = URI.create(URI.create(url).toASCIIString());
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new IllegalArgumentException("the scheme must be http or https");
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("no valid host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      // e.g. a __scheme__ or __metrics_path__ group label that makes no URL
      throw new ScrapeException(FailureReason.CONNECTION, what + ": " + e.getMessage());
    }
  }

  private static String resolve(URI base, String location) throws ScrapeException {
    try {
      return base.resolve(location).toString();
    } catch (IllegalArgumentException e) {
      throw new ScrapeException(FailureReason.CONNECTION, "invalid redirect Location " + ResponseHead.quote(location));
    }
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

  /** The failure text of a (compressed) body over the limit, whichever client read it. */
  static String overLimit(long limit) {
    return "body exceeds the limit of " + limit + " bytes";
  }

  static ScrapeException timedOut(Duration timeout) {
    return new ScrapeException(FailureReason.TIMEOUT, "scrape timed out after " + seconds(timeout) + "s");
  }

  static ScrapeException status(int code) {
    return new ScrapeException(FailureReason.HTTP_STATUS, "server returned HTTP status " + code);
  }

  static ScrapeException refused(Exception cause) {
    return new ScrapeException(FailureReason.CONNECTION, "connection refused or unreachable: " + message(cause));
  }

  static String message(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
  }

  /** Seconds as Go's FormatFloat(s, 'f', -1) prints them: 10, 0.5. */
  static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
