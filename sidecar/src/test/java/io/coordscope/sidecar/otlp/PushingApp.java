package io.coordscope.sidecar.otlp;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * The application {@link OtlpAgentPushIT} runs under the upstream OpenTelemetry agent: it records
 * through the OpenTelemetry API (which the agent bridges to its SDK) a counter of 4 then 3 more
 * jobs, and three durations (0.2 s, 3 s, 7 s), then lives until the test stops it.
 */
public final class PushingApp {

  private PushingApp() {}

  public static void main(String[] args) throws InterruptedException {
    Meter meter = GlobalOpenTelemetry.getMeter("coordscope-otlp-it");
    LongCounter jobs = meter.counterBuilder("it.jobs").setUnit("{job}").setDescription("jobs done").build();
    DoubleHistogram duration = meter.histogramBuilder("it.duration").setUnit("s").build();
    Attributes claim = Attributes.of(AttributeKey.stringKey("kind"), "claim");
    jobs.add(4, claim);
    duration.record(0.2, claim);
    duration.record(3, claim);
    // A second batch after a few export intervals: with delta temporality it arrives in another export.
    Thread.sleep(1500);
    jobs.add(3, claim);
    duration.record(7, claim);
    System.out.println("recorded");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
