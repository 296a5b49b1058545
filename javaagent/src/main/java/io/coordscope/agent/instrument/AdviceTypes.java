package io.coordscope.agent.instrument;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The advice classes read once: every instrumented method binds its own id into an advice, and
 * re-reading the advice class file for each would be wasted work at start-up.
 */
final class AdviceTypes {

  private final Map<Class<?>, TypeDescription> types = new HashMap<>();
  private final ClassFileLocator locator;

  AdviceTypes(Class<?>... adviceClasses) {
    Map<String, byte[]> bytes = new HashMap<>();
    ClassFileLocator source = ClassFileLocator.ForClassLoader.of(AdviceTypes.class.getClassLoader());
    for (Class<?> c : adviceClasses) {
      try {
        bytes.put(c.getName(), source.locate(c.getName()).resolve());
      } catch (IOException e) {
        throw new IllegalStateException("cannot read advice class " + c.getName(), e);
      }
      types.put(c, TypeDescription.ForLoadedType.of(c));
    }
    this.locator = new ClassFileLocator.Simple(bytes);
  }

  /** The advice {@code adviceClass} with {@code id} bound to its {@link SpecId} parameter. */
  Advice withId(Class<?> adviceClass, int id) {
    return Advice.withCustomMapping().bind(SpecId.class, id).to(types.get(adviceClass), locator);
  }
}
