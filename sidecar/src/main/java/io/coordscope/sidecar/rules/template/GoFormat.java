package io.coordscope.sidecar.rules.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Float formatting as Go's {@code strconv}/{@code fmt} do it, so that templated annotations and
 * test output read exactly as Prometheus prints them. Rounding is decimal half-to-even on the exact
 * binary value, which is what Go does.
 */
public final class GoFormat {

  private GoFormat() {}

  /** Go's {@code %v} / {@code strconv.FormatFloat(v, 'g', -1, 64)}: shortest digits, exponent from 1e6 or below 1e-4. */
  public static String shortest(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    // Double.toString yields digits that round-trip; strip them to the shortest decimal.
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    // Go uses %e when exp < -4 || exp >= eprec, where eprec is 6 for the shortest form.
    return (v < 0 ? "-" : "") + layout(digits, exp, exp < -4 || exp >= 6);
  }

  /** Go's {@code %.<prec>g} (trailing zeros removed, as Go does without the {@code #} flag). */
  public static String g(double v, int prec) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (prec == 0) {
      prec = 1;
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    BigDecimal d = new BigDecimal(Math.abs(v)).round(new MathContext(prec, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    int eprec = prec;
    if (eprec > digits.length() && digits.length() >= exp + 1) {
      eprec = digits.length();
    }
    return (v < 0 ? "-" : "") + layout(digits, exp, exp < -4 || exp >= eprec);
  }

  /** Go's {@code %.<prec>f}. */
  public static String f(double v, int prec) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    BigDecimal d = new BigDecimal(v).setScale(prec, RoundingMode.HALF_EVEN);
    String s = d.toPlainString();
    if (d.signum() == 0 && (v < 0 || (v == 0 && 1 / v < 0))) {
      s = "-" + s;
    }
    return s;
  }

  /** Go's {@code %.<prec>e}, exponent with at least two digits. */
  public static String e(double v, int prec) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + (prec > 0 ? "0." + "0".repeat(prec) : "0") + "e+00";
    }
    BigDecimal d = new BigDecimal(Math.abs(v)).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
    digits = (digits + "0".repeat(prec + 1)).substring(0, prec + 1);
    sb.append(digits.charAt(0));
    if (prec > 0) {
      sb.append('.').append(digits, 1, prec + 1);
    }
    return sb.append(exponent(exp)).toString();
  }

  /** {@code strconv.FormatFloat(v, 'E', -1, 64)}: shortest digits, always with an exponent. */
  public static String shortestE(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + "0E+00";
    }
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    return (v < 0 ? "-" : "") + layout(digits, exp, true).replace('e', 'E');
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return null;
  }

  private static String layout(String digits, int exp, boolean scientific) {
    StringBuilder sb = new StringBuilder();
    if (scientific) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      return sb.append(exponent(exp)).toString();
    }
    if (exp < 0) {
      sb.append("0.").append("0".repeat(-exp - 1)).append(digits);
    } else if (digits.length() <= exp + 1) {
      sb.append(digits).append("0".repeat(exp + 1 - digits.length()));
    } else {
      sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
    }
    return sb.toString();
  }

  private static String exponent(int exp) {
    String abs = Integer.toString(Math.abs(exp));
    return "e" + (exp < 0 ? '-' : '+') + (abs.length() < 2 ? "0" + abs : abs);
  }
}
