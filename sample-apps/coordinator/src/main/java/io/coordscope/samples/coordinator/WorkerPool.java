package io.coordscope.samples.coordinator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The workers the coordinator knows, tried round-robin over plain {@code java.net.http}. */
final class WorkerPool {

  private final List<String> baseUrls;
  private final AtomicInteger next = new AtomicInteger();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  WorkerPool(List<String> baseUrls) {
    if (baseUrls.isEmpty()) {
      throw new IllegalArgumentException("WORKERS is empty: name at least one worker URL");
    }
    this.baseUrls = List.copyOf(baseUrls);
  }

  /** Asks one worker to process the item; any answer but 200 is an exception. */
  void assign(String item) {
    String base = baseUrls.get(Math.floorMod(next.getAndIncrement(), baseUrls.size())).strip();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(base + "/assign?item=" + URLEncoder.encode(item, StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new WorkerUnavailableException(base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkerUnavailableException(base + ": interrupted");
    }
    if (response.statusCode() != 200) {
      throw new WorkerRefusedException(base + " answered " + response.statusCode());
    }
  }

  static final class WorkerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkerUnavailableException(String message) {
      super(message);
    }
  }

  static final class WorkerRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkerRefusedException(String message) {
      super(message);
    }
  }
}
