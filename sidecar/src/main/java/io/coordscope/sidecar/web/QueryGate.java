package io.coordscope.sidecar.web;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounded query concurrency, as Prometheus's {@code --query.max-concurrency}: at most {@code
 * concurrency} queries evaluate at once, up to {@code queue} more wait (each at most {@code wait});
 * a query that finds the queue full, or waits too long, is refused (the caller answers 503 with
 * {@code Retry-After}). Health, readiness and {@code /metrics} never pass through here.
 */
final class QueryGate {

  private final Semaphore running;
  private final int queue;
  private final Duration wait;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();

  QueryGate(int concurrency, int queue, Duration wait) {
    this.running = new Semaphore(concurrency, true);
    this.queue = queue;
    this.wait = wait;
  }

  /** Runs {@code query} when a slot is free; false (not run) when refused. */
  boolean run(IoAction query) throws java.io.IOException {
    if (!running.tryAcquire()) {
      if (waiting.incrementAndGet() > queue) {
        waiting.decrementAndGet();
        refused.incrementAndGet();
        return false;
      }
      try {
        if (!running.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
          refused.incrementAndGet();
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        refused.incrementAndGet();
        return false;
      } finally {
        waiting.decrementAndGet();
      }
    }
    try {
      query.run();
      return true;
    } finally {
      running.release();
    }
  }

  /** Queries refused (queue full or waited too long). */
  long refused() {
    return refused.get();
  }

  /** Queries waiting for a slot now. */
  int waiting() {
    return waiting.get();
  }

  /** An action that may write a response. */
  @FunctionalInterface
  interface IoAction {
    void run() throws java.io.IOException;
  }
}
