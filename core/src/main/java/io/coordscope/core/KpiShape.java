package io.coordscope.core;

/**
 * How a {@code @Kpi} method's return value is read: primitives widen to {@code double}; boxed
 * numbers and optionals are unwrapped per call by {@link KpiValues}; anything else is not a KPI.
 */
public enum KpiShape {
  BYTE,
  SHORT,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  OBJECT,
  UNSUPPORTED;

  /** What the instrumentation says when it leaves a method with an unsupported return type alone. */
  public static final String SUPPORTED =
      "a @Kpi method must return a number, a Number, an Optional of one or OptionalDouble/Long/Int";

  /** The shape of a primitive return type ({@code void}, {@code boolean}, {@code char}: unsupported). */
  public static KpiShape ofPrimitive(String name) {
    switch (name) {
      case "byte":
        return BYTE;
      case "short":
        return SHORT;
      case "int":
        return INT;
      case "long":
        return LONG;
      case "float":
        return FLOAT;
      case "double":
        return DOUBLE;
      default:
        return UNSUPPORTED;
    }
  }

  /**
   * The shape of a reference return type.
   *
   * @param erasedName the erased type's binary name
   * @param isNumber the type is {@code Number} or a subtype
   * @param optionalArgumentMayBeNumber for {@code Optional}: its type argument is (or may be, when
   *     raw, a wildcard or a type variable) a {@code Number}
   */
  public static KpiShape ofReference(String erasedName, boolean isNumber, boolean optionalArgumentMayBeNumber) {
    switch (erasedName) {
      case "java.util.OptionalDouble":
      case "java.util.OptionalLong":
      case "java.util.OptionalInt":
        return OBJECT;
      case "java.util.Optional":
        return optionalArgumentMayBeNumber ? OBJECT : UNSUPPORTED;
      default:
        return isNumber ? OBJECT : UNSUPPORTED;
    }
  }
}
