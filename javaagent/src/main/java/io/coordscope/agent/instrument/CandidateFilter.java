package io.coordscope.agent.instrument;

import io.coordscope.core.Selection;
import java.lang.instrument.ClassFileTransformer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The filter in front of Byte Buddy's coordination transformer: it passes on only the classes that
 * can match, decided from the class name and the raw class file alone. Byte Buddy builds a type
 * description (parsing the class) for every class it sees before its matchers reject it; on a
 * Spring Boot application that was thousands of parsed classes for a handful of candidates. A
 * class is a candidate if a method list names it, or if it is loaded by an application class
 * loader, is not ignored by name ({@link IgnoredTypes}) and its constant pool mentions one of the
 * selected annotations ({@link ConstantPoolScan}). Never throws.
 */
final class CandidateFilter extends FilteredTransformer {

  private final Set<String> listed;
  private final ConstantPoolScan annotations;
  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

  /**
   * @param byteBuddy builds Byte Buddy's transformer; called once, for the first candidate (an
   *     application with nothing to instrument never loads Byte Buddy's transformation machinery for it)
   */
  CandidateFilter(Selection match, Supplier<ClassFileTransformer> byteBuddy) {
    super("coordination instrumentation", byteBuddy);
    this.listed = match.includedClasses();
    Set<String> names = new LinkedHashSet<>(match.operationAnnotations());
    names.addAll(match.kpiAnnotations());
    this.annotations = new ConstantPoolScan(names);
  }

  @Override
  protected boolean passes(ClassLoader loader, String internalName, byte[] bytes) {
    return isCandidate(loader, internalName, bytes);
  }

  /** From the name and bytes alone: false means this class cannot match the selection. */
  boolean isCandidate(ClassLoader loader, String internalName, byte[] bytes) {
    if (internalName == null || bytes == null || loader == null || loader == platform) {
      return false;
    }
    String name = internalName.replace('/', '.');
    if (listed.contains(name)) {
      return true;
    }
    return isCandidateByName(name) && annotations.mentions(bytes);
  }

  /** Whether a loaded class is worth retransforming at a runtime attach (its bytes are read then). */
  boolean isCandidateByName(ClassLoader loader, String name) {
    return loader != null && loader != platform && (listed.contains(name) || isCandidateByName(name));
  }

  private static boolean isCandidateByName(String name) {
    return !IgnoredTypes.hasIgnoredPrefix(name);
  }
}
