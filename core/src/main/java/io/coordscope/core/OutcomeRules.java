package io.coordscope.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which exception classes mean {@code conflict}, {@code timeout} or {@code rejected} rather than
 * {@code error}: the one classification both the standalone agent and the extension use. Rules come
 * from a method's {@code @CoordinationOp(conflictOn = ..., timeoutOn = ..., rejectedOn = ...)} and
 * from the configuration keys {@code outcomes.conflict}, {@code outcomes.timeout},
 * {@code outcomes.rejected}; both name classes, matched by name, so nothing is loaded.
 *
 * <p>Precedence: the exception's own class, then each superclass in turn (interfaces and causes are
 * not looked at; an async failure's {@code CompletionException} is unwrapped before); the first
 * class named by any rule decides, so the nearest class wins. For the same class a method's
 * annotation wins over the configuration ({@link #over}); a class named under two outcomes in one
 * place counts for the first of conflict, timeout, rejected. No match: {@link Outcome#ERROR}.
 *
 * <p>Immutable. Classifying walks at most the depth of the exception's class hierarchy with one hash
 * lookup per class and allocates nothing; it runs only when an operation fails.
 */
public final class OutcomeRules {

  /** No declarations: every exception is an {@code error}. */
  public static final OutcomeRules NONE = new OutcomeRules(Collections.emptyMap());

  /** A Java binary class name: dotted identifiers, nested classes with '$'. */
  private static final Pattern CLASS_NAME =
      Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
          + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

  private final Map<String, Outcome> byClassName;

  private OutcomeRules(Map<String, Outcome> byClassName) {
    this.byClassName = byClassName;
  }

  /**
   * Rules from class names per declarable outcome; a name under several outcomes counts for the
   * first of {@link Outcome#DECLARABLE}. Other keys ({@code SUCCESS}, {@code ERROR}) are ignored.
   */
  public static OutcomeRules of(Map<Outcome, ? extends Collection<String>> classNames) {
    Map<String, Outcome> m = new HashMap<>();
    for (Outcome o : Outcome.DECLARABLE) {
      Collection<String> names = classNames.get(o);
      if (names != null) {
        for (String n : names) {
          m.putIfAbsent(n, o);
        }
      }
    }
    return m.isEmpty() ? NONE : new OutcomeRules(m);
  }

  /**
   * The class names of a comma-separated configuration value; blanks are skipped, and entries
   * that are not Java class names go to {@code invalid} (and are left out).
   */
  public static List<String> parseClassNames(String raw, List<String> invalid) {
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    for (String s : raw.split(",")) {
      String n = s.trim();
      if (n.isEmpty()) {
        continue;
      }
      if (CLASS_NAME.matcher(n).matches()) {
        out.add(n);
      } else {
        invalid.add(n);
      }
    }
    return out;
  }

  /** These rules with {@code fallback}'s for classes these do not name: annotation over configuration. */
  public OutcomeRules over(OutcomeRules fallback) {
    if (fallback.byClassName.isEmpty()) {
      return this;
    }
    if (byClassName.isEmpty()) {
      return fallback;
    }
    Map<String, Outcome> m = new HashMap<>(fallback.byClassName);
    m.putAll(byClassName);
    return new OutcomeRules(m);
  }

  /** The outcome of a call that ended with {@code error} (null: {@link Outcome#SUCCESS}). */
  public Outcome classify(Throwable error) {
    if (error == null) {
      return Outcome.SUCCESS;
    }
    if (byClassName.isEmpty()) {
      return Outcome.ERROR;
    }
    for (Class<?> c = error.getClass(); c != null; c = c.getSuperclass()) {
      Outcome o = byClassName.get(c.getName());
      if (o != null) {
        return o;
      }
    }
    return Outcome.ERROR;
  }

  public boolean isEmpty() {
    return byClassName.isEmpty();
  }

  /** The declared class names per outcome, sorted; for start-up logs. */
  @Override
  public String toString() {
    Map<Outcome, List<String>> by = new EnumMap<>(Outcome.class);
    for (Map.Entry<String, Outcome> e : new TreeMap<>(byClassName).entrySet()) {
      by.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
    }
    StringBuilder b = new StringBuilder();
    by.forEach((o, names) -> b.append(b.length() == 0 ? "" : ", ").append(o.label()).append('=').append(names));
    return b.length() == 0 ? "none" : b.toString();
  }
}
