package io.coordscope.agent.instrument;

import io.coordscope.core.Selection;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Class loaders that can see {@code @CoordinationOp}: only they can define classes that carry it.
 * The answer is cached per loader (weakly, so loaders are not kept alive; bounded by live loaders).
 */
final class SeesAnnotations extends ElementMatcher.Junction.AbstractBase<ClassLoader> {

  private static final String RESOURCE = Selection.COORDINATION_OP.replace('.', '/') + ".class";
  private final Map<ClassLoader, Boolean> cache = new WeakHashMap<>();

  @Override
  public boolean matches(ClassLoader loader) {
    if (loader == null) {
      return false;
    }
    synchronized (cache) {
      Boolean b = cache.get(loader);
      if (b == null) {
        b = loader.getResource(RESOURCE) != null;
        cache.put(loader, b);
      }
      return b;
    }
  }
}
