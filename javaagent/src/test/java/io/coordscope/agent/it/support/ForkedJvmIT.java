package io.coordscope.agent.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.app.HelloApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fork support itself: output, exit code and class path are what a test relies on. */
class ForkedJvmIT {

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void capturesStdoutAndExitCodeWithoutTheAgent(String jdk) {
    ForkedJvm.Result r = ForkedJvm.jdk(jdk).main(HelloApp.class, "7").run();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
    assertThat(r.stdout()).isEqualTo(HelloApp.LINE + System.lineSeparator());
  }

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void classPathHoldsNoAgentClasses(String jdk) {
    assertThat(ForkedJvm.classPath()).doesNotContain("javaagent/target/classes");

    ForkedJvm.Result r = ForkedJvm.jdk(jdk).main(DispatcherApp.class, "2", "1", "3").run();

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.stdout()).endsWith(DispatcherApp.DONE + " 2 ok, 1 failed" + System.lineSeparator());
  }
}
