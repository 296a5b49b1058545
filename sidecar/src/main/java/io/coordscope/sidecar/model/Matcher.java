package io.coordscope.sidecar.model;

import com.google.re2j.Pattern;
import io.coordscope.sidecar.text.GoQuote;
import io.coordscope.sidecar.text.GoRegexp;
import java.util.Objects;

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

  private Matcher(Type type, String name, String value) {
    this.type = Objects.requireNonNull(type);
    this.name = Objects.requireNonNull(name);
    this.value = Objects.requireNonNull(value);
    this.pattern = type == Type.RE || type == Type.NRE ? GoRegexp.compileAnchored(value) : null;
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
      case RE -> pattern.matcher(v).matches();
      case NRE -> !pattern.matcher(v).matches();
    };
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
