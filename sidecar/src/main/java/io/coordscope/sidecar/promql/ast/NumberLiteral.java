package io.coordscope.sidecar.promql.ast;

/** A float literal such as {@code 1.5}, {@code 0x1f}, {@code Inf} or {@code NaN}. */
public record NumberLiteral(double value) implements Expr {

  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }

  @Override
  public String toString() {
    return format(value);
  }

  /**
   * The float as Prometheus prints it (Go's {@code %v}): shortest digits, exponent form below 1e-4
   * and from 1e+06 ({@code 1e+06}, {@code 1.5e-07}), {@code +Inf}, {@code -Inf}, {@code NaN}.
   */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    java.math.BigDecimal d = new java.math.BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - d.scale() - 1; // value = d.ddd × 10^exp
    StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
    if (exp < -4 || exp >= 6) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      String e = Integer.toString(Math.abs(exp));
      return sb.append(e.length() < 2 ? "0" + e : e).toString();
    }
    return sb.append(d.toPlainString()).toString();
  }
}
