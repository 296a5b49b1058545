package io.coordscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.app.ProbeApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.Ports;
import io.coordscope.agent.it.support.RunningJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application's own output and exit code are the same with the agent as without it, whatever
 * the configuration; the agent's lines on stderr say what went wrong. On JDK 17 and Temurin 25.
 */
class AgentSafetyIT {

  private static final String INSTALLED = "[coordscope] INFO coordscope agent ";
  /** No endpoint and no export where telemetry is not what the test is about. */
  static final String QUIET = "metrics.port=0,traces.exporter=none";

  private static final String EXPECTED_STDOUT = DispatcherApp.DONE + " 2 ok, 1 failed" + System.lineSeparator();

  @TempDir Path dir;

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void instrumentationReachesTheBridgeFromAnIsolatedClassLoader(String jdk) {
    ForkedJvm.Result r = ForkedJvm.jdk(jdk).withAgent("log.level=debug," + QUIET).main(ProbeApp.class).run();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).as(r.toString()).isEqualTo("probe: enter=2 exit=2 kpi=1 kpiObject=0" + System.lineSeparator());
    assertThat(r.agentLines())
        .anySatisfy(l -> assertThat(l).startsWith(INSTALLED).contains("installed (-javaagent)"))
        .anySatisfy(l -> assertThat(l).contains("instrumented operation work.claim at " + DispatcherApp.class.getName() + ".claim(java.lang.String, boolean)"))
        .anySatisfy(l -> assertThat(l).contains("instrumented KPI queue_depth"));
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void withoutTheAgentTheProbeSeesNoBridge(String jdk) {
    ForkedJvm.Result r = ForkedJvm.jdk(jdk).main(ProbeApp.class).run();

    assertThat(r.stdout()).as(r.toString()).isEqualTo("probe: no bridge" + System.lineSeparator());
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void invalidValuesAreOneClearLineEachAndTheApplicationIsUnchanged(String jdk) {
    String missing = dir.resolve("no-such-agent.properties").toString();
    ForkedJvm.Result r =
        ForkedJvm.jdk(jdk)
            .withAgent("metrics.port=http,traces.exporter=zipkin,methods.include=com.acme.Broken")
            .sysProp("coordscope.config", missing)
            .env("COORDSCOPE_LOG_LEVEL", "loud")
            .main(DispatcherApp.class, "2", "1", "5")
            .run();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(5);
    assertThat(r.stdout()).isEqualTo(EXPECTED_STDOUT);
    assertThat(r.agentLines())
        .containsOnlyOnce(
            "[coordscope] WARN invalid value 'http' for metrics.port (from agent argument metrics.port): "
                + "allowed: an integer from 0 to 65535; using the default 9464",
            "[coordscope] WARN invalid value 'zipkin' for traces.exporter (from agent argument traces.exporter): "
                + "allowed: one of otlp, logging, console, none; using the default otlp",
            "[coordscope] WARN invalid value 'loud' for log.level (from environment variable COORDSCOPE_LOG_LEVEL): "
                + "allowed: one of debug, info, warn, error, off; using the default info")
        .anySatisfy(l -> assertThat(l).startsWith("[coordscope] WARN cannot read config file config='" + missing + "'"))
        .anySatisfy(l -> assertThat(l).startsWith("[coordscope] WARN invalid value 'com.acme.Broken' for methods.include"))
        .anySatisfy(l -> assertThat(l).startsWith(INSTALLED));
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void enabledFalseInstallsNothingAndBindsNoPort(String jdk) throws Exception {
    int port = Ports.freePort();
    ForkedJvm.Result r;
    try (RunningJvm app =
        ForkedJvm.jdk(jdk)
            .withAgent("metrics.port=" + port)
            .env("COORDSCOPE_ENABLED", "false")
            .sysProp("app.hold", "true")
            .main(DispatcherApp.class, "2", "1")
            .startRunning()) {
      app.awaitLine(DispatcherApp.READY, Duration.ofSeconds(180));
      assertThat(Ports.isListening(port)).as("metrics port while the application runs").isFalse();
      app.sendLineAndClose("");
      r = app.await(Duration.ofSeconds(180));
    }

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).isEqualTo(DispatcherApp.READY + System.lineSeparator() + EXPECTED_STDOUT);
    assertThat(r.agentLines())
        .containsExactly("[coordscope] INFO disabled by enabled=false (environment variable COORDSCOPE_ENABLED): nothing installed");
    assertThat(r.stderr()).doesNotContain("bootstrap classpath has been appended");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void attachedTwiceTheSecondStandsDown(String jdk) {
    ForkedJvm.Result r =
        ForkedJvm.jdk(jdk).withAgent(QUIET).withAgent(QUIET).main(ProbeApp.class).run();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).isEqualTo("probe: enter=2 exit=2 kpi=1 kpiObject=0" + System.lineSeparator());
    assertThat(r.agentLines().stream().filter(l -> l.startsWith(INSTALLED))).hasSize(1);
    assertThat(r.agentLines().stream().filter(l -> l.contains("already active in this JVM")))
        .containsExactly(
            "[coordscope] WARN coordscope agent " + version(r) + " is already active in this JVM; "
                + "this second attach (-javaagent) stands down");
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void jdkToolsReachedThroughJavaToolOptionsGetNothing(String jdk) {
    for (List<String> tool : List.of(List.of("jar", "--version"), List.of("javac", "-version"), List.of("jcmd", "-h"))) {
      String[] args = tool.subList(1, tool.size()).toArray(new String[0]);
      ForkedJvm.Result plain = ForkedJvm.jdk(jdk).tool(tool.get(0), args).run();
      ForkedJvm.Result with =
          ForkedJvm.jdk(jdk).agentViaJavaToolOptions("log.level=debug,metrics.port=" + Ports.freePort()).tool(tool.get(0), args).run();

      assertThat(with.exitCode()).as(with.toString()).isEqualTo(plain.exitCode());
      assertThat(with.stdout()).as(tool.toString()).isEqualTo(plain.stdout());
      // The JVM itself announces the variable; the agent adds nothing, even at debug level.
      assertThat(with.stderr()).as(tool.toString()).doesNotContain("[coordscope]").contains("Picked up JAVA_TOOL_OPTIONS");
      assertThat(with.stderr().replaceAll("Picked up JAVA_TOOL_OPTIONS: .*\\R", "")).isEqualTo(plain.stderr());
    }
  }

  /**
   * jshell stays up (and starts a second JVM for its snippets, which inherits the variable too):
   * while it runs, the metrics port is free and neither JVM prints anything of ours.
   */
  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void jshellBindsNoPortWhileItRuns(String jdk) throws Exception {
    int port = Ports.freePort();
    ForkedJvm.Result r;
    try (RunningJvm jshell =
        ForkedJvm.jdk(jdk).agentViaJavaToolOptions("log.level=debug,metrics.port=" + port).tool("jshell", "-q").startRunning()) {
      jshell.sendLine("System.out.println(\"snippet\" + \"-ran\")");
      jshell.awaitText("snippet-ran", Duration.ofSeconds(90));
      assertThat(Ports.isListening(port)).as("metrics port while jshell runs").isFalse();
      jshell.sendLineAndClose("/exit");
      r = jshell.await(Duration.ofSeconds(180));
    }

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stderr()).as(r.toString()).doesNotContain("[coordscope]");
  }

  private static String version(ForkedJvm.Result r) {
    String installed = r.agentLines().stream().filter(l -> l.startsWith(INSTALLED)).findFirst().orElseThrow();
    return installed.substring(INSTALLED.length()).split(" ")[0];
  }
}
