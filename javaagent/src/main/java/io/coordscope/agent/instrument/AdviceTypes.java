package io.coordscope.agent.instrument;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The advice classes, each read once, on first use: every instrumented method binds its own id
 * into an advice, and re-reading the advice class file for each would be wasted work at start-up;
 * reading all eleven when an application uses two (one operation shape, one KPI shape) was too.
 * Bounded by the number of advice classes.
 */
final class AdviceTypes {

  /** An advice class's description and class file. */
  private static final class Read {
    final TypeDescription type;
    final ClassFileLocator locator;

    Read(Class<?> c) {
      try {
        byte[] bytes = ClassFileLocator.ForClassLoader.read(c);
        this.locator = ClassFileLocator.Simple.of(c.getName(), bytes);
      } catch (RuntimeException e) {
        throw new IllegalStateException("cannot read advice class " + c.getName(), e);
      }
      this.type = TypeDescription.ForLoadedType.of(c);
    }
  }

  private final ConcurrentMap<Class<?>, Read> read = new ConcurrentHashMap<>();

  /** The advice {@code adviceClass} with {@code id} bound to its {@link SpecId} parameter. */
  Advice withId(Class<?> adviceClass, int id) {
    Read r = read.computeIfAbsent(adviceClass, Read::new);
    return Advice.withCustomMapping().bind(SpecId.class, id).to(r.type, r.locator);
  }
}
