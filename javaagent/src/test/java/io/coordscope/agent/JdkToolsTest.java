package io.coordscope.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdkToolsTest {

  /** Values observed with JAVA_TOOL_OPTIONS on JDK 17 and 25 ({@code jdk.module.main}, {@code sun.java.command}). */
  @ParameterizedTest(name = "[{index}] {0} | {1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "jdk.jartool, jdk.jartool/sun.tools.jar.Main --version, jdk.jartool",
        "jdk.compiler, jdk.compiler/com.sun.tools.javac.Main -version, jdk.compiler",
        "jdk.jcmd, jdk.jcmd/sun.tools.jcmd.JCmd -l, jdk.jcmd",
        "java.base, java.base/sun.security.tools.keytool.Main -help, java.base",
        "jdk.jshell, jdk.jshell/jdk.internal.jshell.tool.JShellToolProvider, jdk.jshell",
        "null, jdk.jshell.execution.RemoteExecutionControl 45678, jdk.jshell.execution.RemoteExecutionControl",
        "null, jdk.jfr/jdk.jfr.internal.tool.Main summary x.jfr, jdk.jfr",
        "null, com.sun.tools.javac.Main, com.sun.tools.javac.Main",
        "null, com.acme.Dispatcher 3 1, null",
        "null, app.jar --port 8080, null",
        "null, /opt/app/sun.jar, null",
        "com.acme.app, com.acme.app/com.acme.Main, null",
        "null, null, null",
        "null, '', null",
        "null, com.sun.enterprise.glassfish.bootstrap.ASMain, null",
      })
  void recognisesJdkToolsOnly(String moduleMain, String command, String expected) {
    assertThat(JdkTools.detect(moduleMain, command)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "-javaagent:/a/otel.jar -Xmx1g -javaagent:/b/c.jar=x=1,y=2 | /a/otel.jar,/b/c.jar",
        "-Xmx1g | ''",
      })
  void findsAgentJarsOnACommandLine(String args, String expected) {
    List<String> jars = OtelAgentDetector.agentJars(List.of(args.trim().split("\\s+")));

    assertThat(String.join(",", jars)).isEqualTo(expected);
  }
}
