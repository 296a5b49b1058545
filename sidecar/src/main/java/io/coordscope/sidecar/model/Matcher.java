package io.coordscope.sidecar.model;

import com.google.re2j.Pattern;
import io.coordscope.sidecar.text.GoQuote;
import io.coordscope.sidecar.text.GoRegexp;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A label matcher as in a PromQL selector: {@code =}, {@code !=}, {@code =~}, {@code !~}. Regular
 * expressions are fully anchored, as in Prometheus. An absent label matches as the empty string.
 * As in Prometheus 2.42 (Go's RE2 without flags), {@code .} matches any character but {@code \n}.
 */
public final class Matcher {

  public enum Type {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    private final String symbol;

    Type(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  private final Type type;
  private final String name;
  private final String value;
  private final Pattern pattern;
  /** For a regex that is an alternation of literals ({@code a|b\.c|}): exactly the strings it matches. */
  private final Set<String> literals;

  private Matcher(Type type, String name, String value) {
    this.type = Objects.requireNonNull(type);
    this.name = Objects.requireNonNull(name);
    this.value = Objects.requireNonNull(value);
    this.pattern = type == Type.RE || type == Type.NRE ? GoRegexp.compileAnchored(value) : null;
    this.literals = pattern == null ? null : literalAlternation(value);
  }

  /** Characters with a meaning in RE2 syntax outside a class (some only in context; all count here). */
  private static final String META = "\\.+*?()|[]{}^$";

  /**
   * The strings an anchored regex matches when it is nothing but literals separated by {@code |}
   * (metacharacters escaped with a backslash), as Prometheus's set matchers; null for any other
   * regex. Conservative: anything that might not be a literal (classes, flags, escapes like
   * {@code \d}, braces) makes it null, and the regex is used.
   */
  static Set<String> literalAlternation(String re) {
    Set<String> out = new LinkedHashSet<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '|') {
        out.add(cur.toString());
        cur.setLength(0);
      } else if (c == '\\') {
        if (i + 1 >= re.length() || META.indexOf(re.charAt(i + 1)) < 0) {
          return null;
        }
        cur.append(re.charAt(++i));
      } else if (META.indexOf(c) >= 0) {
        return null;
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return Collections.unmodifiableSet(out);
  }

  /**
   * @throws GoRegexp.SyntaxException for a regular expression Go's RE2 syntax rejects
   */
  public static Matcher of(Type type, String name, String value) {
    return new Matcher(type, name, value);
  }

  public static Matcher eq(String name, String value) {
    return new Matcher(Type.EQ, name, value);
  }

  public Type type() {
    return type;
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  public boolean matches(String v) {
    return switch (type) {
      case EQ -> value.equals(v);
      case NEQ -> !value.equals(v);
      case RE -> literals != null ? literals.contains(v) : pattern.matcher(v).matches();
      case NRE -> literals != null ? !literals.contains(v) : !pattern.matcher(v).matches();
    };
  }

  /**
   * For {@code =~} with a regex that is a plain alternation of literals ({@code le=~"0.1|0.5"}),
   * the label values it matches, so a store can look them up instead of running the regex; null
   * otherwise. May contain {@code ""} (then the matcher also selects series without the label).
   */
  public Set<String> setMatches() {
    return type == Type.RE ? literals : null;
  }

  public boolean matches(Labels labels) {
    return matches(labels.get(name));
  }

  /** True when this matcher also selects series that lack the label. */
  public boolean matchesEmpty() {
    return matches("");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, value);
  }

  @Override
  public String toString() {
    return name + type.symbol + GoQuote.quote(value);
  }
}
