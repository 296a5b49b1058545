package io.coordscope.agent.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.instrument.executor.TaskArgumentHooks;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
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
    assertThat(hooks.isHooked("ch/qos/logback/classic/spi/LoggingEvent")).isTrue();
  }

  @Test
  void nestedClassesOfTheAsyncHttpClientPassByPrefix() {
    assertThat(hooks.isHooked("org/apache/hc/client5/http/impl/async/InternalAbstractHttpAsyncClient$1")).isTrue();
    assertThat(hooks.isHookedClass("org.apache.hc.client5.http.impl.async.InternalAbstractHttpAsyncClient$2")).isTrue();
  }

  @Test
  void nothingElsePasses() {
    assertThat(hooks.isHooked("java/util/concurrent/ThreadPoolExecutor")).isFalse(); // the task hooks' filter's
    assertThat(hooks.isHooked("java/util/concurrent/ThreadPoolExecutor$Worker")).isFalse();
    assertThat(hooks.isHooked("java/lang/String")).isFalse();
    assertThat(hooks.isHooked("com/acme/ThreadPoolExecutor")).isFalse();
    assertThat(hooks.isHooked("java.util.concurrent.ThreadPoolExecutor")).isFalse(); // the JVM passes internal names
    assertThat(hooks.transform(null, null, "java/lang/String", null, null, new byte[0])).isNull();
    assertThat(hooks.isSetUp()).isFalse();
  }

  @Test
  void theTaskHooksRewriteExactlyTheClassesTheirFilterPasses() {
    assertThat(PropagationInstaller.taskHooks().classNames()).containsExactlyInAnyOrderElementsOf(PropagationInstaller.TASK_HOOKED);
    assertThat(PropagationInstaller.TASK_HOOKED).doesNotContainAnyElementsOf(PropagationInstaller.hookedNames());
  }

  @Test
  void theJdkExecutorsHookedMethodsStartWithTheBridgeCall() throws Exception {
    TaskArgumentHooks hooks = PropagationInstaller.taskHooks();
    for (String name : List.of(PropagationInstaller.TPE, PropagationInstaller.CF_THREAD_PER_TASK)) {
      byte[] out = hooks.transform(null, null, name.replace('.', '/'), null, null, jdkClass(name));
      assertThat(methodsCallingTheBridgeFirst(out)).as(name).containsExactly("execute(Ljava/lang/Runnable;)V");
    }
    assertThat(methodsCallingTheBridgeFirst(hooks.transform(null, null, "java/util/concurrent/ScheduledThreadPoolExecutor",
        null, null, jdkClass(PropagationInstaller.STPE))))
        .contains("schedule(Ljava/lang/Runnable;JLjava/util/concurrent/TimeUnit;)Ljava/util/concurrent/ScheduledFuture;",
            "schedule(Ljava/util/concurrent/Callable;JLjava/util/concurrent/TimeUnit;)Ljava/util/concurrent/ScheduledFuture;",
            "scheduleAtFixedRate(Ljava/lang/Runnable;JJLjava/util/concurrent/TimeUnit;)Ljava/util/concurrent/ScheduledFuture;");
    assertThat(methodsCallingTheBridgeFirst(hooks.transform(null, null, "java/util/concurrent/ForkJoinPool", null, null,
        jdkClass(PropagationInstaller.FJP))))
        .contains("submit(Ljava/lang/Runnable;)Ljava/util/concurrent/ForkJoinTask;",
            "submit(Ljava/util/concurrent/Callable;)Ljava/util/concurrent/ForkJoinTask;",
            "invokeAll(Ljava/util/Collection;)Ljava/util/List;")
        .doesNotContain("submit(Ljava/lang/Runnable;)Ljava/util/concurrent/Future;"); // the bridge method
  }

  private static byte[] jdkClass(String name) throws Exception {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(name.replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** The methods (name and descriptor) whose code starts with a load and a call of the bridge. */
  private static List<String> methodsCallingTheBridgeFirst(byte[] bytes) {
    List<String> hooked = new ArrayList<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          int instructions;

          @Override
          public void visitVarInsn(int opcode, int var) {
            instructions++;
          }

          @Override
          public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
            if (++instructions == 2 && owner.equals("io/coordscope/agent/bootstrap/Bridge")) {
              hooked.add(name + descriptor);
            }
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return hooked;
  }
}
