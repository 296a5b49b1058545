package io.coordscope.agent.instrument.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.bootstrap.Bridge;
import io.coordscope.agent.bootstrap.PropagationHandler;
import io.coordscope.agent.instrument.executor.TaskArgumentHooks.Task;
import io.coordscope.agent.instrument.hooks.TaskRecord;
import io.coordscope.agent.instrument.hooks.TaskSink;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executors' hooks, written with ASM: the task argument replaced by the bridge's wrapper at each hooked method's start. */
class TaskArgumentHooksTest {

  private static final String SINK = TaskSink.class.getName();

  /** Marks what the bridge handed back. */
  record Wrapped(Object task) implements Runnable, Callable<Object> {
    @Override
    public void run() {}

    @Override
    public Object call() {
      return null;
    }
  }

  private final TaskArgumentHooks hooks = TaskArgumentHooks.builder()
      .hook(SINK, Set.of("execute", "drain", "accept"), 1, 0, Task.RUNNABLE)
      .hook(SINK, Set.of("schedule"), 2, 1, Task.RUNNABLE)
      .hook(SINK, Set.of("submit"), -1, 0, Task.CALLABLE)
      .hook(SINK, Set.of("invokeAll"), -1, 0, Task.CALLABLES)
      .hook(SINK, Set.of("<init>"), 4, 3, Task.RUNNABLE)
      .build();

  @BeforeEach
  void wrappingHandler() {
    TaskRecord.LAST.clear();
    Bridge.installPropagation((PropagationHandler) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PropagationHandler.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "wrap":
              return new Wrapped(args[0]);
            case "wrapAll":
              List<Object> all = new ArrayList<>();
              for (Object t : (Collection<?>) args[0]) {
                all.add(new Wrapped(t));
              }
              return all;
            default:
              throw new IllegalStateException("not expected here: " + method.getName());
          }
        }));
  }

  @AfterEach
  void noHandler() {
    Bridge.installPropagation(null);
  }

  @Test
  void everyHookedMethodRunsWithTheWrappedTask_theOthersWithTheirOwn() throws Exception {
    Class<?> sink = rewritten();
    Object s = sink.getConstructor().newInstance();
    Runnable r = () -> {};
    Callable<Object> c = () -> null;

    sink.getMethod("execute", Runnable.class).invoke(s, r);
    sink.getMethod("schedule", long.class, Runnable.class).invoke(null, 5L, r);
    sink.getMethod("submit", Callable.class, long.class).invoke(s, c, 1L);
    sink.getMethod("drain", Runnable.class).invoke(s, r);
    sink.getMethod("execute", Runnable.class, String.class).invoke(s, r, "x");

    assertThat(TaskRecord.LAST).containsExactly(new Wrapped(r), new Wrapped(r), new Wrapped(c), new Wrapped(r), r);
  }

  @Test
  void aCollectionOfTasksIsWrappedTaskByTask() throws Exception {
    Class<?> sink = rewritten();
    Callable<Object> c = () -> null;

    sink.getMethod("invokeAll", Collection.class).invoke(sink.getConstructor().newInstance(), List.of(c, c));

    assertThat(TaskRecord.LAST).containsExactly(List.of(new Wrapped(c), new Wrapped(c)));
  }

  @Test
  void aConstructorsTaskIsWrappedBeforeTheSuperConstructorRuns() throws Exception {
    Runnable r = () -> {};
    Object s = rewritten().getConstructor(Executor.class, String.class, int.class, Runnable.class)
        .newInstance(null, "v", 0, r);

    assertThat(s.getClass().getField("task").get(s)).isEqualTo(new Wrapped(r));
  }

  @Test
  void theBridgeMethodIsNotHooked_soATaskIsWrappedOnce() throws Exception {
    Runnable r = () -> {};
    @SuppressWarnings("unchecked")
    Consumer<Runnable> s = (Consumer<Runnable>) rewritten().getConstructor().newInstance();

    s.accept(r); // through the bridge accept(Object), into the hooked accept(Runnable)

    assertThat(TaskRecord.LAST).containsExactly(new Wrapped(r));
  }

  @Test
  void aHandlerThatThrowsLeavesTheTaskAsItWas() throws Exception {
    Bridge.installPropagation((PropagationHandler) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PropagationHandler.class}, (proxy, method, args) -> {
          throw new IllegalStateException("broken handler");
        }));
    Class<?> sink = rewritten();
    Runnable r = () -> {};

    sink.getMethod("execute", Runnable.class).invoke(sink.getConstructor().newInstance(), r);

    assertThat(TaskRecord.LAST).containsExactly(r);
  }

  @Test
  void aClassWithNothingToHookOrThatCannotBeReadIsLeftUnchanged_withoutThrowing() throws Exception {
    byte[] bytes = ClassFileLocator.ForClassLoader.read(TaskSink.class);
    TaskArgumentHooks none = TaskArgumentHooks.builder().hook(SINK, Set.of("absent"), -1, 0, Task.RUNNABLE).build();

    assertThat(none.transform(null, null, internal(SINK), null, null, bytes)).isNull();
    assertThat(hooks.transform(null, null, "java/lang/String", null, null, bytes)).isNull();
    assertThat(hooks.transform(null, null, internal(SINK), null, null, new byte[] {1, 2, 3})).isNull();
    assertThat(hooks.transform(null, null, internal(SINK), null, null, null)).isNull();
  }

  private Class<?> rewritten() throws Exception {
    byte[] out = hooks.transform(null, null, internal(SINK), null, null, ClassFileLocator.ForClassLoader.read(TaskSink.class));
    assertThat(out).isNotNull();
    ClassLoader loader = new ByteArrayClassLoader.ChildFirst(getClass().getClassLoader(), java.util.Map.of(SINK, out),
        ByteArrayClassLoader.PersistenceHandler.MANIFEST);
    return Class.forName(SINK, true, loader);
  }

  private static String internal(String name) {
    return name.replace('.', '/');
  }
}
