package io.coordscope.agent.instrument;

import io.coordscope.agent.CoordscopeAgentAccess;
import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.config.AgentConfig;
import io.coordscope.agent.config.SelectionSettings;
import io.coordscope.agent.instrument.fixture.PreloadedService;
import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.registry.AgentStats;
import io.coordscope.agent.registry.MethodRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The instrumentation installed once per test JVM (a transformer cannot be un-inlined from classes
 * already loaded), with a recording handler on the bridge and the agent log captured. The bridge
 * stays on the application class path here; bootstrap injection is covered by the forked ITs.
 */
final class TestAgent {

  static final String TEST_OP = "io.coordscope.agent.instrument.fixture.TestOp";
  static final String TEST_KPI = "io.coordscope.agent.instrument.fixture.TestKpi";

  static final MethodRegistry REGISTRY = new MethodRegistry();
  static final AgentStats STATS = new AgentStats();
  static final RecordingHandler HANDLER = new RecordingHandler(REGISTRY);
  /** True when {@link PreloadedService} was loaded and initialized before the transformer existed. */
  static final boolean PRELOADED_BEFORE_INSTALL;

  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  static {
    PreloadedService.touch();
    Instrumentation inst = ByteBuddyAgent.install();
    PRELOADED_BEFORE_INSTALL = isLoaded(inst, PreloadedService.class.getName());
    AgentLog.setOut(new PrintStream(LOG, true, StandardCharsets.UTF_8));
    AgentConfig config =
        AgentConfig.fromMap(
            Map.of(
                "annotations.coordination", TEST_OP,
                "annotations.kpi", TEST_KPI,
                "methods.include",
                    "io.coordscope.agent.instrument.fixture.PlainService[claim,complete];"
                        + "io.coordscope.agent.instrument.fixture.PlainService$Inner[run]",
                "kpi.methods.include", "io.coordscope.agent.instrument.fixture.PlainService[backlog]"));
    Bridge.install(HANDLER);
    Instrumenter.install(inst, SelectionSettings.from(config).selection, REGISTRY, STATS, CoordscopeAgentAccess.location());
  }

  private TestAgent() {}

  /** Installs on first use; clears recorded events. */
  static RecordingHandler handler() {
    HANDLER.clear();
    return HANDLER;
  }

  static List<String> logLines() {
    synchronized (LOG) {
      return LOG.toString(StandardCharsets.UTF_8).lines().toList();
    }
  }

  private static boolean isLoaded(Instrumentation inst, String name) {
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
