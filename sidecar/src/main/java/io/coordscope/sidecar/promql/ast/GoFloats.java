package io.coordscope.sidecar.promql.ast;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Float-to-text as Go (and so Prometheus) writes it, independent of the JDK's Double.toString. */
public final class GoFloats {

  private GoFloats() {}

  /**
   * The shortest decimal that reads back as exactly {@code v} (finite, non-zero), closest to
   * {@code v} among those of that length: what Go's {@code strconv} produces with precision -1.
   */
  public static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (d.doubleValue() == v) {
        return d.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** Go's {@code %v} / {@code strconv.FormatFloat(v, 'g', -1, 64)} with {@code +Inf}: {@code 1e+06}, {@code 1.5e-07}, {@code 123456}. */
  public static String formatV(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    BigDecimal d = shortest(Math.abs(v));
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

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
  public static String formatF(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0" : "0";
    }
    return shortest(v).toPlainString();
  }
}
