package io.coordscope.core;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The value of one {@code @Kpi} call with a boxed or optional return type. */
public final class KpiValues {

  private KpiValues() {}

  /**
   * The returned value with one optional layer removed: a {@code Number}, null (nothing to record:
   * null or an empty optional), or another object (not a number: not recorded, worth one warning).
   */
  public static Object unwrap(Object value) {
    if (value instanceof Optional) {
      return ((Optional<?>) value).orElse(null);
    }
    if (value instanceof OptionalDouble) {
      OptionalDouble o = (OptionalDouble) value;
      return o.isPresent() ? (Object) o.getAsDouble() : null;
    }
    if (value instanceof OptionalLong) {
      OptionalLong o = (OptionalLong) value;
      return o.isPresent() ? (Object) o.getAsLong() : null;
    }
    if (value instanceof OptionalInt) {
      OptionalInt o = (OptionalInt) value;
      return o.isPresent() ? (Object) o.getAsInt() : null;
    }
    return value;
  }
}
