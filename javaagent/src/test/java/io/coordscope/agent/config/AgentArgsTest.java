package io.coordscope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentArgsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(null, map()),
        Arguments.of("", map()),
        Arguments.of("  ", map()),
        Arguments.of("metrics.port=9464", map("metrics.port", "9464")),
        Arguments.of("metrics.port=9464,service.name=dispatcher", map("metrics.port", "9464", "service.name", "dispatcher")),
        Arguments.of(" metrics.port = 1 , log.level = debug ", map("metrics.port", "1", "log.level", "debug")),
        Arguments.of("coordscope.metrics.port=2", map("metrics.port", "2")),
        Arguments.of("metrics.slo=0.25,1,enabled=true", map("metrics.slo", "0.25,1", "enabled", "true")),
        Arguments.of(
            "methods.include=com.acme.A[claim,complete];com.acme.B[x],log.level=info",
            map("methods.include", "com.acme.A[claim,complete];com.acme.B[x]", "log.level", "info")),
        Arguments.of(
            "resource.attributes=team=core,env=prod,service.name=s",
            map("resource.attributes", "team=core,env=prod", "service.name", "s")),
        Arguments.of("otlp.headers=a=b=c", map("otlp.headers", "a=b=c")),
        Arguments.of("annotations.coordination=a.B,c.D", map("annotations.coordination", "a.B,c.D")),
        Arguments.of("metrics.port=1,,metrics.host=::1", map("metrics.port", "1", "metrics.host", "::1")),
        Arguments.of("metrics.port=1,metrics.port=2", map("metrics.port", "2")),
        Arguments.of("enabled", map("enabled", "")),
        Arguments.of("metrics.port=", map("metrics.port", "")),
        Arguments.of("nosuch.key=1,other=2", map("nosuch.key", "1", "other", "2")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void parses(String args, Map<String, String> expected) {
    assertThat(AgentArgs.parse(args)).containsExactlyEntriesOf(expected);
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
