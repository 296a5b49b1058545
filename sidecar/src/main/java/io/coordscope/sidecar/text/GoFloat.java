package io.coordscope.sidecar.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Floats as Go's {@code strconv.FormatFloat} and {@code fmt} write them, and so as Prometheus
 * prints sample values, alert values, PromQL numbers and template output. Independent of the JDK's
 * {@code Double.toString}, which before JDK 19 is not always the shortest ({@code 2e23}). Rounding
 * is decimal half-to-even on the exact binary value, as in Go. Infinities are {@code +Inf} and
 * {@code -Inf}.
 */
public final class GoFloat {

  private GoFloat() {}

  /**
   * The shortest decimal that reads back as exactly {@code v} (finite, non-zero), closest to
   * {@code v} among those of that length: Go's digits for precision -1.
   */
  public static BigDecimal shortestDecimal(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (d.doubleValue() == v) {
        return d.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** Go's {@code %v}, {@code FormatFloat(v, 'g', -1, 64)}: {@code 1e+23}, {@code 1.5e-07}, {@code 123456}. */
  public static String formatV(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    BigDecimal d = shortestDecimal(Math.abs(v));
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale(); // value = d.ddd × 10^exp
    return sign(v) + layout(digits, exp, exp < -4 || exp >= 6);
  }

  /** Go's {@code FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent (sample values). */
  public static String formatF(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    return sign(v) + shortestDecimal(Math.abs(v)).toPlainString();
  }

  /** Go's {@code FormatFloat(v, 'e', -1, 64)}: shortest digits, always an exponent (alert values). */
  public static String formatE(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return sign(v) + "0e+00";
    }
    BigDecimal d = shortestDecimal(Math.abs(v));
    String digits = d.unscaledValue().toString();
    return sign(v) + layout(digits, digits.length() - 1 - d.scale(), true);
  }

  /** Go's {@code FormatFloat(v, 'E', -1, 64)}: as {@link #formatE} with a capital {@code E}. */
  public static String formatUpperE(double v) {
    return formatE(v).replace('e', 'E');
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
    BigDecimal d = new BigDecimal(Math.abs(v)).round(new MathContext(prec, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    int eprec = prec;
    if (eprec > digits.length() && digits.length() >= exp + 1) {
      eprec = digits.length();
    }
    return sign(v) + layout(digits, exp, exp < -4 || exp >= eprec);
  }

  /** Go's {@code %.<prec>f}. */
  public static String f(double v, int prec) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    String s = new BigDecimal(Math.abs(v)).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
    return sign(v) + s;
  }

  /** Go's {@code %.<prec>e}, exponent with at least two digits. */
  public static String e(double v, int prec) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return sign(v) + (prec > 0 ? "0." + "0".repeat(prec) : "0") + "e+00";
    }
    BigDecimal d = new BigDecimal(Math.abs(v)).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    digits = (digits + "0".repeat(prec + 1)).substring(0, prec + 1);
    StringBuilder sb = new StringBuilder(sign(v)).append(digits.charAt(0));
    if (prec > 0) {
      sb.append('.').append(digits, 1, prec + 1);
    }
    return sb.append(exponent(exp)).toString();
  }

  /** {@code NaN}, {@code +Inf}, {@code -Inf}, {@code 0}, {@code -0}, or null for other values. */
  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return null;
  }

  private static String sign(double v) {
    return v < 0 || (v == 0 && 1 / v < 0) ? "-" : "";
  }

  private static String layout(String digits, int exp, boolean scientific) {
    if (digits.equals("0")) {
      return "0";
    }
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
    return String.format(Locale.ROOT, "e%c%02d", exp < 0 ? '-' : '+', Math.abs(exp));
  }
}
