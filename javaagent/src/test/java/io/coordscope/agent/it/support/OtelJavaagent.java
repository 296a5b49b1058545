package io.coordscope.agent.it.support;

import io.coordscope.testsupport.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The upstream OpenTelemetry Java agent jar (failsafe copies it from Maven Central) and the options
 * that run a forked JVM under it with its spans going to one {@link OtlpReceiver}.
 */
public final class OtelJavaagent {

  /** System property naming the jar (failsafe sets it). */
  public static final String JAR_PROPERTY = "coordscope.otel.agent.jar";

  private OtelJavaagent() {}

  /** The jar; the test is skipped (failed in CI) when Maven did not fetch it. */
  public static Path jar() {
    String p = System.getProperty(JAR_PROPERTY, "");
    Peers.require("OpenTelemetry Java agent jar", !p.isEmpty() && Files.isRegularFile(Paths.get(p)),
        "'" + p + "' not found; failsafe copies it from Maven Central (system property " + JAR_PROPERTY + ")");
    return Paths.get(p);
  }

  /** {@code -javaagent:<upstream agent>}, as a JVM option (so its order among agents is the caller's). */
  public static String option() {
    return "-javaagent:" + jar();
  }

  /**
   * The upstream agent's settings for {@code jvm}: service {@code service}, spans over OTLP/HTTP
   * protobuf to {@code rx} in batches at least every 200 ms, no metrics or logs export. Add
   * {@link #option()} separately.
   */
  public static ForkedJvm exportingTo(ForkedJvm jvm, String service, OtlpReceiver rx) {
    return jvm.sysProp("otel.service.name", service)
        .sysProp("otel.traces.exporter", "otlp")
        .sysProp("otel.exporter.otlp.protocol", "http/protobuf")
        .sysProp("otel.exporter.otlp.endpoint", rx.endpoint())
        .sysProp("otel.bsp.schedule.delay", "200")
        .sysProp("otel.metrics.exporter", "none")
        .sysProp("otel.logs.exporter", "none");
  }
}
