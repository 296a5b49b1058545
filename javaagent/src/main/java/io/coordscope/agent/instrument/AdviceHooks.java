package io.coordscope.agent.instrument;

import io.coordscope.agent.log.AgentLog;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Advice classes inlined into the methods of the classes they hook, each hook a type matcher and its
 * (method matcher, advice class) pairs. The advice class is read by name through the agent's loader
 * and the hooked class's own one, so advice compiled against a library resolves that library where
 * the hooked class lives (as Byte Buddy's {@code AgentBuilder.Transformer.ForAdvice} does).
 */
public final class AdviceHooks extends DecoratingTransformer {

  private final String what;
  private final ClassFileLocator adviceLocator;
  private final List<Hook> hooks;
  /**
   * The advice for boot-loader classes, by advice class, each read once: their advice resolves
   * through the same loaders whichever class it goes into (the executors share one), and reading
   * and parsing it again for each took tens of milliseconds per class at start-up. Bounded by the
   * number of advice classes; an {@code Advice} is immutable.
   */
  private final ConcurrentMap<String, Advice> bootAdvice = new ConcurrentHashMap<>();

  private AdviceHooks(String what, ClassLoader adviceLoader, List<Hook> hooks) {
    this.what = what;
    this.adviceLocator = ClassFileLocator.ForClassLoader.of(adviceLoader);
    this.hooks = List.copyOf(hooks);
  }

  /**
   * @param what names the hooks in debug lines ({@code propagation: instrumented ...})
   * @param adviceLoader loads the advice classes
   */
  public static Builder builder(String what, ClassLoader adviceLoader) {
    return new Builder(what, adviceLoader);
  }

  @Override
  protected DynamicType.Builder<?> decorate(
      DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader, ProtectionDomain domain, ClassFileLocator locator) {
    DynamicType.Builder<?> b = null;
    ClassFileLocator adviceSource = null;
    TypePool advicePool = null;
    for (Hook h : hooks) {
      if (!h.type.matches(type)) {
        continue;
      }
      if (adviceSource == null) {
        adviceSource = new ClassFileLocator.Compound(adviceLocator, locator);
        advicePool = typePool(adviceSource);
        b = builder;
      }
      for (Hook.Entry e : h.entries) {
        Advice advice = loader == null ? bootAdvice.get(e.adviceClass) : null;
        if (advice == null) {
          advice = Advice.to(advicePool.describe(e.adviceClass).resolve(), adviceSource);
          if (loader == null) {
            bootAdvice.putIfAbsent(e.adviceClass, advice);
          }
        }
        b = b.visit(advice.on(e.methods));
      }
    }
    return b;
  }

  @Override
  protected void transformed(TypeDescription type, boolean retransformed) {
    AgentLog.debug(what + ": instrumented " + type.getName() + (retransformed ? " (retransformed)" : ""));
  }

  @Override
  protected void failed(String className, Throwable error) {
    AgentLog.debug(what + ": cannot instrument " + className + ": " + error);
  }

  /** The hooks, in the order given; every hook whose type matcher matches applies. */
  public static final class Builder {
    private final String what;
    private final ClassLoader adviceLoader;
    private final List<Hook> hooks = new ArrayList<>();

    private Builder(String what, ClassLoader adviceLoader) {
      this.what = what;
      this.adviceLoader = adviceLoader;
    }

    /** Starts a hook on the classes {@code type} matches; follow it with {@link #advice}. */
    public Builder type(ElementMatcher<? super TypeDescription> type) {
      hooks.add(new Hook(type));
      return this;
    }

    /** Inlines {@code adviceClass} (a binary name) into the last hook's methods (or constructors) {@code methods} matches. */
    public Builder advice(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
      if (hooks.isEmpty()) {
        throw new IllegalStateException("advice " + adviceClass + " given before any type(...)");
      }
      hooks.get(hooks.size() - 1).entries.add(new Hook.Entry(methods, adviceClass));
      return this;
    }

    public AdviceHooks build() {
      return new AdviceHooks(what, adviceLoader, hooks);
    }
  }

  private static final class Hook {
    final ElementMatcher<? super TypeDescription> type;
    final List<Entry> entries = new ArrayList<>();

    Hook(ElementMatcher<? super TypeDescription> type) {
      this.type = type;
    }

    static final class Entry {
      final ElementMatcher<? super MethodDescription> methods;
      final String adviceClass;

      Entry(ElementMatcher<? super MethodDescription> methods, String adviceClass) {
        this.methods = methods;
        this.adviceClass = adviceClass;
      }
    }
  }
}
