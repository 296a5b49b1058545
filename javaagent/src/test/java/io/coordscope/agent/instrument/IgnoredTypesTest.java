package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which classes are never looked into, by name alone. */
class IgnoredTypesTest {

  @ParameterizedTest
  @ValueSource(strings = {
    "java.util.concurrent.ThreadPoolExecutor", "jakarta.servlet.http.HttpServlet", "org.springframework.boot.SpringApplication",
    "org.glassfish.jersey.server.ResourceConfig", "com.acme.LeaseController$$SpringCGLIB$$0",
    "com.acme.Lease$HibernateProxy$abc", "com.acme.Dispatcher$$Lambda$12/0x0000", "jdk.proxy2.$Proxy9", "$Proxy3"
  })
  void librariesProxiesAndLambdasAreIgnored(String name) {
    assertThat(IgnoredTypes.hasIgnoredPrefix(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.acme.Dispatcher", "com.acme.Dispatcher$Inner", "io.coordscope.samples.ledger.LeaseController",
    "jakartaee.Mine", "org.acme.Board"})
  void applicationClassesAreExamined(String name) {
    assertThat(IgnoredTypes.hasIgnoredPrefix(name)).isFalse();
  }
}
