package io.coordscope.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.agent.instrument.hooks.Greeter;
import io.coordscope.agent.instrument.hooks.Shout;
import java.lang.reflect.Method;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import org.junit.jupiter.api.Test;

/** Advice inlined by name into the hooked class's declared methods, without Byte Buddy's AgentBuilder. */
class AdviceHooksTest {

  private static final String GREETER = Greeter.class.getName();
  private final ClassLoader loader = AdviceHooksTest.class.getClassLoader();
  private final Module module = AdviceHooksTest.class.getModule();

  @Test
  void theMatchedTypesMatchedMethodGetsTheAdvice_theOthersStayAsTheyWere() throws Exception {
    AdviceHooks hooks = AdviceHooks.builder("test", loader)
        .type(named(GREETER)).advice(named("greet").and(takesArguments(1)), Shout.class.getName())
        .build();
    byte[] bytes = ClassFileLocator.ForClassLoader.read(Greeter.class);

    byte[] out = hooks.transform(module, loader, internal(GREETER), null, null, bytes);

    assertThat(out).isNotNull();
    Class<?> greeter = define(GREETER, out);
    Object g = greeter.getConstructor().newInstance();
    assertThat(greeter.getMethod("greet", String.class).invoke(g, "ada")).isEqualTo("hello ada!");
    assertThat(greeter.getMethod("farewell", String.class).invoke(g, "ada")).isEqualTo("bye ada");
    assertThat(hooks.transform(module, loader, internal(AdviceHooksTest.class.getName()), null, null,
        ClassFileLocator.ForClassLoader.read(AdviceHooksTest.class))).isNull();
  }

  @Test
  void everyMatchingHookApplies_andSeveralAdviceOnOneType() throws Exception {
    Shout.CALLS.set(0);
    AdviceHooks hooks = AdviceHooks.builder("test", loader)
        .type(named(GREETER)).advice(named("greet"), Shout.class.getName()).advice(named("farewell"), Shout.Count.class.getName())
        .type(named(GREETER)).advice(named("greet"), Shout.Count.class.getName())
        .build();

    Class<?> greeter = define(GREETER, hooks.transform(module, loader, internal(GREETER), null, null,
        ClassFileLocator.ForClassLoader.read(Greeter.class)));
    Object g = greeter.getConstructor().newInstance();
    Method greet = greeter.getMethod("greet", String.class);
    assertThat(greet.invoke(g, "ada")).isEqualTo("hello ada!");
    greeter.getMethod("farewell", String.class).invoke(g, "ada");

    assertThat(Shout.CALLS).hasValue(2);
  }

  @Test
  void anAdviceThatCannotBeReadLeavesTheClassUnchanged_withoutThrowing() {
    AdviceHooks hooks = AdviceHooks.builder("test", loader)
        .type(named(GREETER)).advice(named("greet"), "io.coordscope.agent.instrument.hooks.Missing")
        .build();

    assertThat(hooks.transform(module, loader, internal(GREETER), null, null, ClassFileLocator.ForClassLoader.read(Greeter.class)))
        .isNull();
    assertThat(hooks.transform(module, loader, internal(GREETER), null, null, new byte[] {1, 2, 3})).isNull();
  }

  @Test
  void adviceBeforeAnyTypeIsRefused() {
    assertThatThrownBy(() -> AdviceHooks.builder("test", loader).advice(named("greet"), Shout.class.getName()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(Shout.class.getName());
  }

  private static String internal(String name) {
    return name.replace('.', '/');
  }

  /** Defines the transformed class in a child-first loader, so it does not clash with the original. */
  private Class<?> define(String name, byte[] bytes) throws ClassNotFoundException {
    ClassLoader child = new ByteArrayClassLoader.ChildFirst(loader, java.util.Map.of(name, bytes),
        ByteArrayClassLoader.PersistenceHandler.MANIFEST);
    return Class.forName(name, true, child);
  }
}
