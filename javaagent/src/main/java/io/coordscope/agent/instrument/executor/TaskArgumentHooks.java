package io.coordscope.agent.instrument.executor;

import io.coordscope.agent.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The executors' hooks, written with ASM alone: at the start of each hooked method the task
 * argument is replaced by what the bridge returns for it ({@link Task}), three instructions and no
 * branch. That is all the executors need, and it needs none of Byte Buddy's machinery: on Spring
 * Boot the JDK's {@code ThreadPoolExecutor} was the first hooked class, and Byte Buddy's first use
 * on it (its set-up, the class described, the advice parsed and inlined, all cold) took ≈ 270 ms of
 * the application's main thread. Here only the hooked methods are rewritten; the rest of the class
 * is copied as it is. No local variable, stack map frame or handler is added (the class format is
 * unchanged), so loaded classes can be retransformed. Bridge methods are skipped (they call the
 * method they stand for, which is hooked). Never throws: a class it cannot rewrite loads unchanged.
 */
public final class TaskArgumentHooks implements ClassFileTransformer {

  /** What a hooked argument is, and the bridge method that wraps it. */
  public enum Task {
    RUNNABLE("Ljava/lang/Runnable;", "wrapTask", "(Ljava/lang/Runnable;)Ljava/lang/Runnable;"),
    CALLABLE("Ljava/util/concurrent/Callable;", "wrapTask", "(Ljava/util/concurrent/Callable;)Ljava/util/concurrent/Callable;"),
    CALLABLES("Ljava/util/Collection;", "wrapTasks", "(Ljava/util/Collection;)Ljava/util/Collection;");

    final String descriptor;
    final String bridgeMethod;
    final String bridgeDescriptor;

    Task(String descriptor, String bridgeMethod, String bridgeDescriptor) {
      this.descriptor = descriptor;
      this.bridgeMethod = bridgeMethod;
      this.bridgeDescriptor = bridgeDescriptor;
    }
  }

  private static final String BRIDGE = "io/coordscope/agent/bootstrap/Bridge";

  /** By the class's internal name; bounded by the hooks given. */
  private final Map<String, List<Hook>> hooks;

  private TaskArgumentHooks(Map<String, List<Hook>> hooks) {
    this.hooks = hooks;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The hooked classes' binary names. */
  public List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (String internal : hooks.keySet()) {
      names.add(internal.replace('/', '.'));
    }
    return names;
  }

  @Override
  public byte[] transform(
      Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    List<Hook> forClass = internalName == null || bytes == null ? null : hooks.get(internalName);
    if (forClass == null) {
      return null;
    }
    try {
      byte[] out = rewrite(bytes, forClass);
      if (out != null) {
        AgentLog.debug("propagation: instrumented " + internalName.replace('/', '.') + (redefined != null ? " (retransformed)" : ""));
      }
      return out;
    } catch (Throwable t) {
      AgentLog.debug("propagation: cannot instrument " + internalName.replace('/', '.') + ": " + t);
      return null;
    }
  }

  /** The class with its hooked methods rewritten, or null if it has none. */
  static byte[] rewrite(byte[] bytes, List<Hook> forClass) {
    ClassReader reader = OpenedClassReader.of(bytes);
    // Given the reader, the writer copies every method it is not asked to change byte for byte.
    ClassWriter writer = new ClassWriter(reader, 0);
    boolean[] changed = {false};
    reader.accept(
        new ClassVisitor(OpenedClassReader.ASM_API, writer) {
          @Override
          public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
            if ((access & (Opcodes.ACC_BRIDGE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
              return mv;
            }
            for (Hook h : forClass) {
              int slot = h.slot(access, name, descriptor);
              if (slot >= 0) {
                changed[0] = true;
                return new WrapArgument(mv, slot, h.task);
              }
            }
            return mv;
          }
        },
        0);
    return changed[0] ? writer.toByteArray() : null;
  }

  /** Replaces one argument at the start of the method's code: {@code arg = Bridge.wrapTask(arg)}. */
  private static final class WrapArgument extends MethodVisitor {
    private final int slot;
    private final Task task;

    WrapArgument(MethodVisitor mv, int slot, Task task) {
      super(OpenedClassReader.ASM_API, mv);
      this.slot = slot;
      this.task = task;
    }

    @Override
    public void visitCode() {
      super.visitCode();
      // Before the first instruction and any label: a jump back to the method's start lands after it.
      super.visitVarInsn(Opcodes.ALOAD, slot);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, BRIDGE, task.bridgeMethod, task.bridgeDescriptor, false);
      super.visitVarInsn(Opcodes.ASTORE, slot);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      super.visitMaxs(Math.max(maxStack, 1), maxLocals);
    }
  }

  /** Methods of one class, by name (constructors as {@code <init>}) and parameters, and the argument to wrap. */
  static final class Hook {
    final Set<String> names;
    /** The exact number of parameters, or -1 for any. */
    final int parameters;
    final int argument;
    final Task task;

    Hook(Set<String> names, int parameters, int argument, Task task) {
      this.names = names;
      this.parameters = parameters;
      this.argument = argument;
      this.task = task;
    }

    /** The local variable slot of the argument to wrap if this hook applies to the method, else -1. */
    int slot(int access, String name, String descriptor) {
      if (!names.contains(name)) {
        return -1;
      }
      Type[] params = Type.getArgumentTypes(descriptor);
      if (argument >= params.length || (parameters >= 0 && params.length != parameters)
          || !params[argument].getDescriptor().equals(task.descriptor)) {
        return -1;
      }
      int slot = (access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
      for (int i = 0; i < argument; i++) {
        slot += params[i].getSize();
      }
      return slot;
    }
  }

  /** Hooks by class; every hook of a class whose method matches applies, the first that matches wins. */
  public static final class Builder {
    private final Map<String, List<Hook>> hooks = new HashMap<>();

    private Builder() {}

    /**
     * Hooks the methods of {@code className} (a binary name) named one of {@code names}
     * ({@code <init>} for constructors) that take {@code parameters} parameters (-1: any) with
     * parameter {@code argument} of the task's type.
     */
    public Builder hook(String className, Set<String> names, int parameters, int argument, Task task) {
      if (argument < 0 || (parameters >= 0 && argument >= parameters)) {
        throw new IllegalArgumentException("argument " + argument + " of " + parameters + " parameters in " + className);
      }
      String internal = className.replace('.', '/');
      List<Hook> forClass = hooks.get(internal);
      if (forClass == null) {
        forClass = new ArrayList<>();
        hooks.put(internal, forClass);
      }
      forClass.add(new Hook(Set.copyOf(names), parameters, argument, task));
      return this;
    }

    public TaskArgumentHooks build() {
      Map<String, List<Hook>> copy = new HashMap<>();
      for (Map.Entry<String, List<Hook>> e : hooks.entrySet()) {
        copy.put(e.getKey(), List.copyOf(e.getValue()));
      }
      return new TaskArgumentHooks(copy);
    }
  }
}
