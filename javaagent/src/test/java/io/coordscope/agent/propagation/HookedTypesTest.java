package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.instrument.ClassFileTransformer;
import org.junit.jupiter.api.Test;

/** The propagation filter passes exactly the hooked classes, by internal name as the JVM gives it. */
class HookedTypesTest {

  private final HookedTypes hooks = new HookedTypes(PropagationInstaller.hookedNames(), LibraryInstaller.HOOKED_PREFIXES, () -> new ClassFileTransformer() {});

  @Test
  void everyHookedClassPasses() {
    for (String name : PropagationInstaller.hookedNames()) {
      assertThat(hooks.isHooked(name.replace('.', '/'))).as(name).isTrue();
      assertThat(hooks.isHookedClass(name)).as(name).isTrue();
    }
    assertThat(hooks.isHooked("java/util/concurrent/ThreadPoolExecutor")).isTrue();
    assertThat(hooks.isHooked("ch/qos/logback/classic/spi/LoggingEvent")).isTrue();
  }

  @Test
  void nestedClassesOfTheAsyncHttpClientPassByPrefix() {
    assertThat(hooks.isHooked("org/apache/hc/client5/http/impl/async/InternalAbstractHttpAsyncClient$1")).isTrue();
    assertThat(hooks.isHookedClass("org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient$2")).isTrue();
  }

  @Test
  void nothingElsePasses() {
    assertThat(hooks.isHooked("java/util/concurrent/ThreadPoolExecutor$Worker")).isFalse();
    assertThat(hooks.isHooked("java/lang/String")).isFalse();
    assertThat(hooks.isHooked("com/acme/ThreadPoolExecutor")).isFalse();
    assertThat(hooks.isHooked("java.util.concurrent.ThreadPoolExecutor")).isFalse(); // the JVM passes internal names
    assertThat(hooks.transform(null, null, "java/lang/String", null, null, new byte[0])).isNull();
    assertThat(hooks.isSetUp()).isFalse();
  }
}
