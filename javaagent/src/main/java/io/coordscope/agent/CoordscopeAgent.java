package io.coordscope.agent;

import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.config.AgentSettings;
import io.coordscope.agent.config.GeneralSettings;
import io.coordscope.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.security.CodeSource;

/**
 * Entry point of {@code coordscope-agent.jar}: {@code -javaagent:} ({@link #premain}) and runtime
 * attach ({@link #agentmain}). Whatever happens here, the application keeps running: every
 * failure is caught at this boundary and reported, and the JVM is never exited.
 */
public final class CoordscopeAgent {

  /**
   * Set (to the version) by the first agent that installs; a second attach sees it and stands
   * down. Outside the {@code coordscope.} prefix, which is reserved for configuration keys.
   */
  static final String ACTIVE_PROPERTY = "io.coordscope.agent.active";

  private CoordscopeAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  private static void start(String args, Instrumentation inst, boolean runtimeAttach) {
    long t0 = System.nanoTime();
    try {
      String tool = JdkTools.detect();
      if (tool != null && !runtimeAttach) {
        // JAVA_TOOL_OPTIONS reaches jar, javac, jcmd ...: stay silent, install nothing.
        return;
      }
      AgentConfig config = AgentConfig.load(args);
      AgentLog.setLevel(GeneralSettings.from(config).logLevel);
      config.reportProblems();
      // Every section once, so that any bad value is reported now, at start-up.
      AgentSettings settings = AgentSettings.from(config);
      if (!settings.general.enabled) {
        String key = GeneralSettings.ENABLED.name();
        AgentLog.info("disabled by " + key + "=false (" + config.source(key) + "): nothing installed");
        return;
      }
      String version = version();
      Object previous = System.getProperties().putIfAbsent(ACTIVE_PROPERTY, version);
      if (previous != null) {
        AgentLog.warn(
            "coordscope agent " + previous + " is already active in this JVM; this second attach ("
                + (runtimeAttach ? "runtime attach" : "-javaagent") + ") stands down");
        return;
      }
      long t1 = System.nanoTime();
      JdkWarmUp.run();
      long t2 = System.nanoTime();
      URL location = agentLocation();
      BootstrapInjector.inject(inst, location);
      long t3 = System.nanoTime();
      boolean otel = OtelAgentDetector.detect();
      AgentLog.debug("premain phases: configuration " + millis(t0, t1) + " ms, JDK warm-up " + millis(t1, t2)
          + " ms, bridge classes " + millis(t2, t3) + " ms, OpenTelemetry agent detection " + millis(t3, System.nanoTime()) + " ms");
      // A separate class: the bridge types it uses must resolve only after the injection above.
      AgentInstaller.install(settings, inst, location, otel, version, runtimeAttach);
    } catch (Throwable t) {
      AgentLog.error("agent start failed, the application continues without coordscope", t);
    }
  }

  static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  static URL agentLocation() {
    CodeSource cs = CoordscopeAgent.class.getProtectionDomain().getCodeSource();
    return cs == null ? null : cs.getLocation();
  }

  static String version() {
    String v = CoordscopeAgent.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
