package io.coordscope.agent.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Batches ended spans to the exporter on one daemon thread, {@code coordscope-span-export}.
 *
 * <p>Like the SDK's BatchSpanProcessor, but the thread carries our name and every lost span is
 * counted by reason. An application thread only ever {@code offer}s to a bounded lock-free ring
 * ({@link SpanRing}; memory bound: {@code capacity} spans): when it is full the span is dropped,
 * never waited for, and the export thread is woken by {@code unpark}, never through a lock. The
 * ring holds the SDK's ended spans (the HTTP CLIENT and SERVER spans, as a span processor) and
 * the agent's own operation spans ({@link LightSpan}, turned into {@link SpanDataView}s here).
 * The exporter itself is built on the export thread when the first span is queued, not at
 * start: creating the OTLP exporter initialises the JDK HTTP client (its {@code HttpClientImpl} and
 * executor are classes the propagation hooks, so loading them sets Byte Buddy up) and TLS, hundreds
 * of milliseconds a process that never exports a span should not pay.
 */
final class SpanExportQueue implements SpanProcessor {

  static final String THREAD_NAME = "coordscope-span-export";
  static final int MAX_BATCH = 512;
  private static final long DELAY_MILLIS = 2_000;
  /** Longer than the exporter's own timeout (with its retries), so a dead collector cannot wedge us. */
  private static final long EXPORT_WAIT_SECONDS = 30;

  final AtomicLong exported = new AtomicLong();
  final AtomicLong droppedQueueFull = new AtomicLong();
  final AtomicLong droppedExportFailed = new AtomicLong();

  private final Supplier<SpanExporter> exporterFactory;
  private volatile SpanExporter exporter;
  /** Touched by the export thread only: the exporter was asked for (it may have failed). */
  private boolean exporterCreated;
  /**
   * Set by the first span queued: the export thread then creates the exporter at once, while the
   * application runs, not inside the exit flush of a short run.
   */
  private volatile boolean spanQueued;
  private final ExportFailureLog failureLog;
  /** {@link ReadableSpan}s and {@link LightSpan}s. */
  private final SpanRing<Object> queue;
  private final Object signal = new Object();
  private final Thread worker;
  private final SpanClock clock;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private volatile boolean running = true;
  private volatile CompletableResultCode flushRequest;

  /**
   * @param clock converts the light spans' monotonic times
   * @param resource and {@code scope}: what the light spans report, as the SDK's spans of the same tracer
   */
  SpanExportQueue(Supplier<SpanExporter> exporterFactory, int capacity, ExportFailureLog failureLog,
      SpanClock clock, Resource resource, InstrumentationScopeInfo scope) {
    this.exporterFactory = exporterFactory;
    this.failureLog = failureLog;
    this.clock = clock;
    this.resource = resource;
    this.scope = scope;
    this.queue = new SpanRing<>(capacity);
    this.worker = new Thread(this::run, THREAD_NAME);
    worker.setDaemon(true);
    worker.start();
  }

  int queued() {
    return queue.size();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (span.getSpanContext().isSampled()) {
      enqueue(span);
    }
  }

  /** Queues an ended sampled operation span; drops (and counts) it when the queue is full. */
  void offer(LightSpan span) {
    enqueue(span);
  }

  private void enqueue(Object span) {
    if (!queue.offer(span)) {
      droppedQueueFull.incrementAndGet();
    } else if (!spanQueued) {
      spanQueued = true;
      LockSupport.unpark(worker);
    } else if (queue.size() == MAX_BATCH) {
      LockSupport.unpark(worker);
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode forceFlush() {
    synchronized (signal) {
      CompletableResultCode pending = flushRequest;
      if (pending == null) {
        pending = new CompletableResultCode();
        flushRequest = pending;
      }
      LockSupport.unpark(worker);
      return pending;
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    if (!running) {
      return CompletableResultCode.ofSuccess();
    }
    running = false;
    wake();
    CompletableResultCode done = new CompletableResultCode();
    Thread t =
        new Thread(
            () -> {
              try {
                worker.join();
                SpanExporter e = exporter;
                if (e != null) {
                  e.shutdown().join(EXPORT_WAIT_SECONDS, TimeUnit.SECONDS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                done.succeed();
              }
            },
            THREAD_NAME + "-shutdown");
    t.setDaemon(true);
    t.start();
    return done;
  }

  private void wake() {
    LockSupport.unpark(worker);
  }

  private void run() {
    List<SpanData> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        if (spanQueued && !exporterCreated) {
          exporter();
        }
        awaitWork();
        if (spanQueued && !exporterCreated) {
          continue; // woken by the first span: create the exporter, then wait for a batch as usual
        }
        CompletableResultCode flush = flushRequest;
        drain(batch);
        if (flush != null) {
          synchronized (signal) {
            if (flushRequest == flush) {
              flushRequest = null;
            }
          }
          flush.succeed();
        }
      } catch (InterruptedException e) {
        break;
      } catch (Throwable t) {
        failureLog.failure("unexpected error in the export thread: " + t);
      }
    }
    drain(batch);
  }

  /** Parks until a full batch, a flush, shutdown or {@link #DELAY_MILLIS}; unparked by those. */
  private void awaitWork() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS);
    long left;
    while (running && flushRequest == null && queue.size() < MAX_BATCH && (exporterCreated || !spanQueued)
        && (left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(this, left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /** Exports everything queued now, in batches of at most {@link #MAX_BATCH}. */
  private void drain(List<SpanData> batch) {
    clock.refresh();
    Object s;
    while ((s = queue.poll()) != null) {
      batch.add(s instanceof LightSpan
          ? new SpanDataView((LightSpan) s, clock, resource, scope)
          : ((ReadableSpan) s).toSpanData());
      if (batch.size() == MAX_BATCH) {
        export(batch);
      }
    }
    if (!batch.isEmpty()) {
      export(batch);
    }
  }

  /** The exporter, created on the first call (export thread only); null if that failed. */
  private SpanExporter exporter() {
    if (!exporterCreated) {
      exporterCreated = true;
      try {
        exporter = exporterFactory.get();
      } catch (Throwable t) {
        failureLog.failure("the span exporter could not be created: " + t);
      }
    }
    return exporter;
  }

  private void export(List<SpanData> batch) {
    int n = batch.size();
    SpanExporter e = exporter();
    if (e == null) {
      droppedExportFailed.addAndGet(n);
      batch.clear();
      return;
    }
    try {
      CompletableResultCode r = e.export(new ArrayList<>(batch));
      r.join(EXPORT_WAIT_SECONDS, TimeUnit.SECONDS);
      if (r.isSuccess()) {
        exported.addAndGet(n);
      } else {
        droppedExportFailed.addAndGet(n);
        failureLog.failure(r.isDone() ? "the exporter reported a failure" : "no answer in time");
      }
    } catch (RuntimeException ex) {
      droppedExportFailed.addAndGet(n);
      failureLog.failure(ex.toString());
    } finally {
      batch.clear();
    }
  }
}
