package io.coordscope.sidecar.notify;

import io.coordscope.sidecar.rules.AlertSink;
import io.coordscope.sidecar.rules.OutgoingAlert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Delivers alerts to every configured Alertmanager with API v2, like Prometheus's notifier: a
 * bounded queue (the newest kept on overflow, drops counted), batches of at most 64 alerts, one
 * POST per batch and Alertmanager in parallel, a timeout per request, and retries with
 * exponential back-off. Rule evaluation never waits for delivery: {@link #send} only enqueues.
 * An Alertmanager that is down for minutes loses nothing that matters, because the rule manager
 * re-sends the current state of every alert each resend delay.
 */
public final class AlertmanagerNotifier implements AlertSink {

  /** Waits between retries; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final NotifierOptions options;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final Consumer<String> warn;
  private final ArrayDeque<OutgoingAlert> queue = new ArrayDeque<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile ExecutorService posters;
  private Thread worker;
  private volatile boolean running;

  public AlertmanagerNotifier(NotifierOptions options, Consumer<String> warn) {
    this(options, d -> Thread.sleep(d.toMillis()), warn);
  }

  public AlertmanagerNotifier(NotifierOptions options, Sleeper sleeper, Consumer<String> warn) {
    this.options = options;
    this.sleeper = sleeper;
    this.warn = warn;
    this.http = HttpClient.newBuilder().connectTimeout(options.timeout()).build();
  }

  /** Enqueues; when the queue is full the oldest alerts make room and are counted as dropped. */
  @Override
  public void send(List<OutgoingAlert> alerts) {
    if (options.alertmanagers().isEmpty() || alerts.isEmpty()) {
      return;
    }
    synchronized (queue) {
      int skip = Math.max(0, alerts.size() - options.queueCapacity());
      dropped.addAndGet(skip);
      for (OutgoingAlert a : alerts.subList(skip, alerts.size())) {
        if (queue.size() >= options.queueCapacity()) {
          queue.pollFirst();
          dropped.incrementAndGet();
        }
        queue.addLast(a);
      }
      queue.notifyAll();
    }
  }

  /** Starts the delivery thread. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    posters = Executors.newFixedThreadPool(Math.max(1, Math.min(8, options.alertmanagers().size())), r -> {
      Thread t = new Thread(r, "coordscope-alert-post");
      t.setDaemon(true);
      return t;
    });
    worker = new Thread(this::loop, "coordscope-alert-notify");
    worker.setDaemon(true);
    worker.start();
  }

  /** Stops after the batch in flight; alerts still queued stay queued for a later {@link #start()}. */
  public synchronized void stop() {
    running = false;
    if (worker != null) {
      worker.interrupt();
      worker = null;
    }
    if (posters != null) {
      posters.shutdownNow();
      posters = null;
    }
  }

  public NotifierStats stats() {
    synchronized (queue) {
      return new NotifierStats(sent.get(), errors.get(), dropped.get(), queue.size());
    }
  }

  private void loop() {
    while (running) {
      List<OutgoingAlert> batch = new ArrayList<>();
      synchronized (queue) {
        while (queue.isEmpty() && running) {
          try {
            queue.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        while (!queue.isEmpty() && batch.size() < options.maxBatchSize()) {
          batch.add(queue.pollFirst());
        }
      }
      if (!batch.isEmpty()) {
        try {
          deliver(batch);
        } catch (RuntimeException e) {
          // Only when stopped mid-batch (posting pool shut down); the next resend carries the state.
          warn.accept("alert delivery interrupted: " + e);
        }
      }
    }
  }

  /** Posts one batch to every Alertmanager in parallel; returns how many accepted it. */
  int deliver(List<OutgoingAlert> batch) {
    ExecutorService posters = this.posters;
    if (posters == null) {
      return 0;
    }
    byte[] body = AlertJson.encode(batch, options.externalLabels());
    List<CompletableFuture<Boolean>> results = new ArrayList<>();
    for (URI am : options.alertmanagers()) {
      results.add(CompletableFuture.supplyAsync(() -> postWithRetries(am, body, batch.size()), posters));
    }
    int ok = 0;
    for (CompletableFuture<Boolean> f : results) {
      try {
        ok += f.join() ? 1 : 0;
      } catch (RuntimeException e) {
        errors.incrementAndGet();
      }
    }
    return ok;
  }

  private boolean postWithRetries(URI am, byte[] body, int count) {
    URI url = URI.create(am.toString().replaceAll("/+$", "") + "/api/v2/alerts");
    Duration backoff = options.initialBackoff();
    String last = null;
    for (int attempt = 1; attempt <= options.maxAttempts() && running; attempt++) {
      try {
        HttpRequest req = HttpRequest.newBuilder(url)
            .timeout(options.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "coordscope-sidecar")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 == 2) {
          sent.addAndGet(count);
          return true;
        }
        String text = resp.body();
        last = "HTTP " + resp.statusCode() + ": " + text.substring(0, Math.min(200, text.length())).strip();
        if (resp.statusCode() / 100 == 4) {
          break; // The Alertmanager refuses this body; sending it again will not help.
        }
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      if (attempt < options.maxAttempts()) {
        try {
          sleeper.sleep(backoff);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        backoff = backoff.multipliedBy(2).compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : backoff.multipliedBy(2);
      }
    }
    // Warn first, then count: whoever sees the error counter move also finds the warning logged.
    warn.accept("sending " + count + " alerts to " + url + " failed: " + last);
    errors.incrementAndGet();
    return false;
  }
}
