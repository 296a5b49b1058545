package io.coordscope.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A method list in the grammar of OpenTelemetry's {@code otel.instrumentation.methods.include}:
 * {@code com.acme.Dispatcher[claim,complete];com.acme.Board[velocity]}. Classes are fully
 * qualified binary names (nested: {@code com.acme.Outer$Inner}); only methods the named class
 * declares are matched, every overload of a listed name. Whitespace around names is ignored.
 */
public final class MethodsInclude {

  private static final MethodsInclude EMPTY = new MethodsInclude(Collections.emptyMap(), Collections.emptyList());

  private final Map<String, Set<String>> methodsByClass;
  private final List<String> errors;

  private MethodsInclude(Map<String, Set<String>> methodsByClass, List<String> errors) {
    this.methodsByClass = methodsByClass;
    this.errors = errors;
  }

  public static MethodsInclude empty() {
    return EMPTY;
  }

  /**
   * Parses {@code spec}; a malformed entry is skipped and described in {@link #errors()}, the
   * valid entries are kept.
   */
  public static MethodsInclude parse(String spec) {
    if (spec == null || spec.trim().isEmpty()) {
      return EMPTY;
    }
    Map<String, Set<String>> out = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (String raw : spec.split(";")) {
      String entry = raw.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int open = entry.indexOf('[');
      if (open < 0 || !entry.endsWith("]") || entry.indexOf('[', open + 1) >= 0) {
        errors.add("'" + entry + "': expected ClassName[method1,method2]");
        continue;
      }
      String cls = entry.substring(0, open).trim();
      if (!isQualifiedName(cls)) {
        errors.add("'" + entry + "': '" + cls + "' is not a fully qualified class name");
        continue;
      }
      Set<String> methods = new LinkedHashSet<>();
      boolean bad = false;
      for (String m : entry.substring(open + 1, entry.length() - 1).split(",", -1)) {
        String name = m.trim();
        if (!isIdentifier(name)) {
          errors.add("'" + entry + "': '" + name + "' is not a method name");
          bad = true;
          break;
        }
        methods.add(name);
      }
      if (!bad) {
        out.computeIfAbsent(cls, k -> new LinkedHashSet<>()).addAll(methods);
      }
    }
    return new MethodsInclude(Collections.unmodifiableMap(out), Collections.unmodifiableList(errors));
  }

  /** Class name -> method names. */
  public Map<String, Set<String>> methodsByClass() {
    return methodsByClass;
  }

  public boolean isEmpty() {
    return methodsByClass.isEmpty();
  }

  public boolean includes(String className, String methodName) {
    Set<String> m = methodsByClass.get(className);
    return m != null && m.contains(methodName);
  }

  /** One description per malformed entry. */
  public List<String> errors() {
    return errors;
  }

  private static boolean isQualifiedName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (!isIdentifier(part)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!Character.isJavaIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
