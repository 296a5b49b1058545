package io.coordscope.sidecar.promql.ast;

/** The type an expression evaluates to, named as Prometheus names them in error messages. */
public enum ValueType {
  SCALAR("scalar"),
  VECTOR("instant vector"),
  MATRIX("range vector"),
  STRING("string");

  private final String displayName;

  ValueType(String displayName) {
    this.displayName = displayName;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
