package io.coordscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.app.ProbeApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.RunningJvm;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runtime attach through the Attach API: the application has already loaded and run its annotated
 * class; after {@code loadAgent} the same, already-loaded class is retransformed and its later
 * calls reach the agent.
 */
class RuntimeAttachIT {

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void alreadyLoadedClassesAreInstrumentedAfterAttach(String jdk) throws Exception {
    ForkedJvm fork = ForkedJvm.jdk(jdk).sysProp("probe.wait", "true");
    if ("25".equals(jdk)) {
      fork.jvmOption("-XX:+EnableDynamicAgentLoading"); // JDK 21+ warns about dynamic agents otherwise
    }
    ForkedJvm.Result r;
    try (RunningJvm app = fork.main(ProbeApp.class).startRunning()) {
      app.awaitLine("probe ready", Duration.ofSeconds(180));

      VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
      try {
        vm.loadAgent(ForkedJvm.agentJar().toString(), "log.level=debug," + AgentSafetyIT.QUIET);
      } finally {
        vm.detach();
      }
      app.sendLineAndClose("go");
      r = app.await(Duration.ofSeconds(180));
    }

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.stdout()).as(r.toString()).isEqualTo("probe ready" + System.lineSeparator() + "probe: enter=2 exit=2 kpi=1 kpiObject=0" + System.lineSeparator());
    assertThat(r.agentLines())
        .anySatisfy(l -> assertThat(l).contains("installed (runtime attach)"))
        .anySatisfy(l -> assertThat(l).isEqualTo("[coordscope] DEBUG transformed " + DispatcherApp.class.getName() + " (retransformed)"));
    assertThat(r.stderr()).doesNotContain("Exception");
  }
}
