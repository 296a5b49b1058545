package io.coordscope.sidecar.promql.ast;

import static io.coordscope.sidecar.promql.ast.ValueType.MATRIX;
import static io.coordscope.sidecar.promql.ast.ValueType.SCALAR;
import static io.coordscope.sidecar.promql.ast.ValueType.STRING;
import static io.coordscope.sidecar.promql.ast.ValueType.VECTOR;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PromQL function's signature, as in Prometheus 2.42 {@code parser/functions.go}. {@code
 * variadic}: 0 = exactly {@code argTypes}; n &gt; 0 = the last declared argument is optional and
 * up to n of it may be given; -1 = at least all but the last, the last repeating without limit. {@code supported} is false for functions Prometheus knows but
 * this engine does not implement.
 */
public record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType, boolean supported) {

  private static final Map<String, FunctionSignature> ALL = new TreeMap<>();

  static {
    for (String f : List.of("abs", "ceil", "floor", "exp", "ln", "log2", "log10", "sqrt", "sgn", "acos", "acosh", "asin",
        "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad", "absent", "sort", "sort_desc",
        "timestamp")) {
      add(f, VECTOR, 0, VECTOR);
    }
    for (String f : List.of("rate", "irate", "increase", "delta", "idelta", "changes", "resets", "deriv", "absent_over_time",
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time", "last_over_time",
        "stddev_over_time", "stdvar_over_time", "present_over_time")) {
      add(f, MATRIX, 0, VECTOR);
    }
    for (String f : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year")) {
      add(f, List.of(VECTOR), 1, VECTOR, true);
    }
    add("quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR, true);
    add("predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR, true);
    add("holt_winters", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR, true);
    add("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR, true);
    add("clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR, true);
    add("clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR, true);
    add("round", List.of(VECTOR, SCALAR), 1, VECTOR, true);
    add("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR, true);
    add("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR, true);
    add("label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR, true);
    add("scalar", List.of(VECTOR), 0, SCALAR, true);
    add("vector", List.of(SCALAR), 0, VECTOR, true);
    add("time", List.of(), 0, SCALAR, true);
    add("pi", List.of(), 0, SCALAR, true);
    // Native histograms are outside the subset: the store holds float samples only.
    add("histogram_count", List.of(VECTOR), 0, VECTOR, false);
    add("histogram_sum", List.of(VECTOR), 0, VECTOR, false);
    add("histogram_fraction", List.of(SCALAR, SCALAR, VECTOR), 0, VECTOR, false);
  }

  public FunctionSignature {
    argTypes = List.copyOf(argTypes);
  }

  private static void add(String name, ValueType arg, int variadic, ValueType ret) {
    add(name, List.of(arg), variadic, ret, true);
  }

  private static void add(String name, List<ValueType> args, int variadic, ValueType ret, boolean supported) {
    ALL.put(name, new FunctionSignature(name, args, variadic, ret, supported));
  }

  /** The signature of a function Prometheus 2.42 knows (case-sensitive, as there), or null. */
  public static FunctionSignature lookup(String name) {
    return ALL.get(name);
  }

  /** Every function Prometheus 2.42 knows, by name. */
  public static Map<String, FunctionSignature> all() {
    return java.util.Collections.unmodifiableMap(ALL);
  }
}
