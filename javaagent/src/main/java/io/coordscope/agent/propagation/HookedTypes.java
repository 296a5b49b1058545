package io.coordscope.agent.propagation;

import io.coordscope.agent.instrument.FilteredTransformer;
import java.lang.instrument.ClassFileTransformer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The filter in front of the propagation instrumentation: the classes it hooks are named exactly
 * (plus one name prefix), so one hash lookup per loaded class decides, and Byte Buddy is set up on
 * the first hooked class the JVM loads. A do-nothing application that loads none of them never
 * loads Byte Buddy for propagation.
 */
final class HookedTypes extends FilteredTransformer {

  /** Internal names ({@code java/util/concurrent/ThreadPoolExecutor}), as the JVM passes them. */
  private final Set<String> internalNames = new HashSet<>();

  private final String[] internalPrefixes;

  /**
   * @param names the hooked classes' binary names
   * @param prefixes binary-name prefixes of hooked classes (their matcher checks the rest)
   */
  HookedTypes(Collection<String> names, Collection<String> prefixes, Supplier<ClassFileTransformer> setUp) {
    super("trace context propagation", setUp);
    for (String n : names) {
      internalNames.add(n.replace('.', '/'));
    }
    internalPrefixes = new String[prefixes.size()];
    int i = 0;
    for (String p : prefixes) {
      internalPrefixes[i++] = p.replace('.', '/');
    }
  }

  @Override
  protected boolean passes(ClassLoader loader, String internalName, byte[] bytes) {
    return isHooked(internalName);
  }

  /** Whether a class, by its internal name, is one of those hooked. */
  boolean isHooked(String internalName) {
    if (internalNames.contains(internalName)) {
      return true;
    }
    for (String p : internalPrefixes) {
      if (internalName.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** For a loaded class, by its binary name. */
  boolean isHookedClass(String binaryName) {
    return isHooked(binaryName.replace('.', '/'));
  }
}
