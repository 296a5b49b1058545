package io.coordscope.benchmarks.percall;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under any sampled span made with the OpenTelemetry SDK, measured without an agent: the
 * plain body inside an SDK span with the four attributes an operation span carries, made current
 * and ended, with no span processor at all (nothing queued or exported). Both agents' sampled
 * paths pay at least this; the difference to it is what an agent adds around the SDK.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpanFloorBenchmark {

  private static final Attributes FIXED =
      Attributes.of(
          AttributeKey.stringKey("coordination.operation"), "bench.claim",
          AttributeKey.stringKey("coordination.kind"), "lock",
          AttributeKey.stringKey("code.namespace"), Workload.class.getName(),
          AttributeKey.stringKey("code.function"), "operation");

  private final Workload workload = new Workload();
  private SdkTracerProvider provider;
  private Tracer tracer;

  @Setup
  public void setUp() {
    provider = SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build();
    tracer = provider.get("bench");
  }

  @TearDown
  public void tearDown() {
    provider.close();
  }

  @Benchmark
  public long sdkSpan() {
    Span span = tracer.spanBuilder("bench.claim").setSpanKind(SpanKind.INTERNAL).setAllAttributes(FIXED).startSpan();
    io.opentelemetry.context.Scope scope = span.makeCurrent();
    try {
      return workload.plain();
    } finally {
      scope.close();
      span.end();
    }
  }
}
