package io.coordscope.sidecar.promql.ast;

import java.util.List;
import java.util.stream.Collectors;

/** A function call such as {@code rate(x[5m])}. */
public record Call(FunctionSignature function, List<Expr> args) implements Expr {

  public Call {
    args = List.copyOf(args);
  }

  @Override
  public ValueType type() {
    return function.returnType();
  }

  @Override
  public String toString() {
    return function.name() + args.stream().map(Expr::toString).collect(Collectors.joining(", ", "(", ")"));
  }
}
