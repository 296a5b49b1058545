package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import io.coordscope.core.OperationSpec;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SpanExportQueueTest {

  /** An exporter whose export never completes, like a collector that accepts and never answers. */
  static final class BlackHole implements SpanExporter {
    final CountDownLatch called = new CountDownLatch(1);

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      called.countDown();
      return new CompletableResultCode();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void theExporterIsCreatedWithTheFirstSpanNotAtStart() throws Exception {
    MethodRegistry registry = new MethodRegistry();
    AtomicLong clock = new AtomicLong();
    AtomicInteger created = new AtomicInteger();
    CountDownLatch firstCreated = new CountDownLatch(1);
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    Supplier<SpanExporter> factory = () -> {
      created.incrementAndGet();
      firstCreated.countDown();
      return memory;
    };
    Telemetry t = new Telemetry(new TelemetrySettings(AgentConfig.fromMap(Map.of())), registry, new AgentStats(),
        factory, clock::get, new ExportFailureLog(clock::get, "test"));
    try {
      assertThat(t.flush(30, TimeUnit.SECONDS)).as("the export thread ran a round").isTrue();
      assertThat(created.get()).as("no span yet: no exporter (no HTTP client loaded)").isZero();

      int id = registry.registerOperation(new OperationSpec("op", "k", "C", "m", null, false));
      t.exit(id, t.enter(id, null), null, null);
      assertThat(firstCreated.await(30, TimeUnit.SECONDS)).as("created with the first span, before any flush").isTrue();
      assertThat(t.flush(30, TimeUnit.SECONDS)).isTrue();
      assertThat(memory.getFinishedSpanItems()).hasSize(1);
      assertThat(created.get()).isEqualTo(1);
    } finally {
      t.shutdown();
    }
  }

  @Test
  void aDeadExporterNeverBlocksCallersAndEveryLostSpanIsCounted() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AgentLog.setOut(new PrintStream(err, true, StandardCharsets.UTF_8));
    BlackHole hole = new BlackHole();
    MethodRegistry registry = new MethodRegistry();
    AgentStats stats = new AgentStats();
    AtomicLong clock = new AtomicLong();
    Telemetry t =
        new Telemetry(
            new TelemetrySettings(AgentConfig.fromMap(Map.of("traces.queue.size", "4"))),
            registry, stats, hole, clock::get, new ExportFailureLog(clock::get, "test"));
    try {
      int id = registry.registerOperation(new OperationSpec("op", "k", "C", "m", null, false));
      t.exit(id, t.enter(id, null), null, null);
      t.flush(10, TimeUnit.MILLISECONDS);
      assertThat(hole.called.await(10, TimeUnit.SECONDS)).isTrue();
      // The export thread is now stuck in export(); the queue (4) fills, the rest is dropped.
      for (int i = 0; i < 100; i++) {
        t.exit(id, t.enter(id, null), null, null);
      }
      SpanExportQueue q = t.exportQueue();
      assertThat(q.queued()).isEqualTo(4);
      assertThat(q.droppedQueueFull.get()).isEqualTo(96);
      assertThat(q.exported.get()).isZero();
      assertThat(stats.errorsSwallowed.get()).isZero();
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(th -> th.getName().equals(SpanExportQueue.THREAD_NAME))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
    } finally {
      AgentLog.setOut(System.err);
      t.shutdown();
    }
  }

  @Test
  void failedExportsCountTheirSpansAsDroppedAndSuccessfulOnesAsExported() {
    AtomicLong clock = new AtomicLong();
    boolean[] fail = {true};
    SpanExporter flaky =
        new SpanExporter() {
          @Override
          public CompletableResultCode export(Collection<SpanData> spans) {
            return fail[0] ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
          }

          @Override
          public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
          }
        };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AgentLog.setOut(new PrintStream(err, true, StandardCharsets.UTF_8));
    MethodRegistry registry = new MethodRegistry();
    Telemetry t =
        new Telemetry(new TelemetrySettings(AgentConfig.fromMap(Map.of())), registry, new AgentStats(),
            flaky, clock::get, new ExportFailureLog(clock::get, "test"));
    try {
      int id = registry.registerOperation(new OperationSpec("op", "k", "C", "m", null, false));
      for (int i = 0; i < 3; i++) {
        t.exit(id, t.enter(id, null), null, null);
      }
      t.flush(10, TimeUnit.SECONDS);
      fail[0] = false;
      t.exit(id, t.enter(id, null), null, null);
      t.flush(10, TimeUnit.SECONDS);
      assertThat(t.exportQueue().droppedExportFailed.get()).isEqualTo(3);
      assertThat(t.exportQueue().exported.get()).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8).lines())
          .singleElement().asString().contains("span export to test failed");
    } finally {
      AgentLog.setOut(System.err);
      t.shutdown();
    }
  }
}
