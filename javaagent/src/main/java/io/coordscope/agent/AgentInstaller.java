package io.coordscope.agent;

import io.coordscope.agent.config.AgentSettings;
import io.coordscope.agent.instrument.Instrumenter;
import io.coordscope.agent.instrument.SelectionProgress;
import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.metrics.MetricsExports;
import io.coordscope.agent.propagation.PropagationInstaller;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import io.coordscope.agent.telemetry.LazyTelemetry;
import io.coordscope.core.Selection;
import java.lang.instrument.Instrumentation;
import java.net.URL;

/** Wires telemetry, the bridge and the instrumentation, once the bridge is in the bootstrap loader. */
final class AgentInstaller {

  /**
   * How long the shutdown hook waits for telemetry to flush before letting the JVM exit: above the
   * 10 s the telemetry itself gives queued spans (at 5 s here, that wait was cut short and a
   * short-lived, busy process lost all but its first batch on a loaded host).
   */
  static final long SHUTDOWN_WAIT_MILLIS = 12_000;

  private AgentInstaller() {}

  static void install(
      AgentSettings settings,
      Instrumentation inst,
      URL location,
      boolean otelAgentPresent,
      String version,
      boolean runtimeAttach) {
    long started = System.nanoTime();
    MethodRegistry registry = new MethodRegistry();
    AgentStats stats = new AgentStats();
    Selection match = settings.selection.selection;
    MetricsExports.useInstrumentation(inst); // metrics.bridge watches class loading for the application's Micrometer
    // Built on its own thread while the JVM goes on to main, and not waited for: a call that comes
    // before it is built waits for it (bounded), and the shutdown hook lets such a build finish.
    LazyTelemetry telemetry = LazyTelemetry.install(settings, registry, stats, otelAgentPresent);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread("coordscope-shutdown") {
              @Override
              public void run() {
                shutdown(telemetry);
              }
            });
    long telemetryReady = System.nanoTime();
    long instrumented;
    if (runtimeAttach) {
      // The application runs already: its instrumented calls must not wait for the rest of this.
      telemetry.startBuild();
    }
    try {
      SelectionProgress progress = new SelectionProgress(match);
      // Only a filter is registered here; Byte Buddy is set up on the first class that can match.
      Instrumenter.install(inst, match, registry, stats, location, runtimeAttach, progress);
      instrumented = System.nanoTime();
      if (!otelAgentPresent) {
        // Not deferred to the telemetry thread: some hooks act once per object (an HTTP server's
        // contexts are wrapped as they are created), so they must be in place before main runs.
        PropagationInstaller.install(settings.traces.propagators, inst, telemetry.tracer("io.coordscope.agent.http"), stats, location);
      }
      progress.scheduleCheck();
    } finally {
      if (!runtimeAttach) {
        // Started last, so that on a machine with few cores it does not compete with the above,
        // which is on the path to main (the build is not). Also if the above failed: calls
        // waiting for the build must not wait in vain.
        telemetry.startBuild();
      }
    }
    AgentLog.debug(
        "start-up took " + CoordscopeAgent.millis(started, System.nanoTime()) + " ms on the application's thread ("
            + CoordscopeAgent.millis(started, telemetryReady) + " ms to prepare the telemetry build, "
            + CoordscopeAgent.millis(telemetryReady, instrumented) + " ms for the method filter, "
            + CoordscopeAgent.millis(instrumented, System.nanoTime()) + " ms for propagation)");
    AgentLog.info(
        "coordscope agent " + version + " installed (" + (runtimeAttach ? "runtime attach" : "-javaagent")
            + (otelAgentPresent ? "; " + OtelAgentDetector.DETECTED : "")
            + "): instruments " + SelectionProgress.describe(match)
            + (runtimeAttach ? "; " + registry.operationCount() + " operations and " + registry.kpiCount()
                + " KPIs instrumented in classes already loaded" : ""));
  }

  /** Bounded: a telemetry flush that hangs must not hold up the JVM's exit. */
  private static void shutdown(LazyTelemetry telemetry) {
    Thread t =
        new Thread(
            () -> {
              try {
                telemetry.shutdown();
              } catch (Throwable e) {
                AgentLog.debug("telemetry shutdown failed: " + e);
              }
            },
            "coordscope-telemetry-shutdown");
    t.setDaemon(true);
    t.start();
    try {
      t.join(SHUTDOWN_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
