package io.coordscope.sidecar.promql;

/** Float operations where Go's math package (and so Prometheus) differs from Java's. */
final class GoMath {

  private GoMath() {}

  /** Go's math.Pow special cases: Pow(x, ±0) = 1 and Pow(1, y) = 1 for any y, Pow(-1, ±Inf) = 1. */
  static double pow(double x, double y) {
    if (y == 0 || x == 1) {
      return 1;
    }
    if (x == -1 && Double.isInfinite(y)) {
      return 1;
    }
    return Math.pow(x, y);
  }

  /** 1/ln(2) and 1/ln(10) rounded once, as Go's exact constant arithmetic yields them. */
  private static final double INV_LN2 = 1.442695040888963407359924681001892137;
  private static final double INV_LN10 = 0.434294481903251827651128918916605082;

  /** Go's math.Log2: split off the binary exponent (exact for powers of two), log of the fraction. */
  static double log2(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      return StrictMath.log(x);
    }
    int exp = Math.getExponent(x);
    if (exp == Double.MIN_EXPONENT - 1) { // subnormal
      return StrictMath.log(x) * INV_LN2;
    }
    double frac = x / Math.scalb(1.0, exp + 1); // in [0.5, 1), as Go's Frexp
    if (frac == 0.5) {
      return exp;
    }
    return StrictMath.log(frac) * INV_LN2 + (exp + 1);
  }

  /** Go's math.Log10: the natural logarithm times 1/ln(10). */
  static double log10(double x) {
    return StrictMath.log(x) * INV_LN10;
  }

  static double asinh(double x) {
    if (Double.isInfinite(x) || x == 0 || Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    double r = Math.log(a + Math.sqrt(a * a + 1));
    return x < 0 ? -r : r;
  }

  static double acosh(double x) {
    if (x < 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    return Math.log(x + Math.sqrt(x * x - 1));
  }

  static double atanh(double x) {
    if (x < -1 || x > 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    return 0.5 * Math.log1p(2 * x / (1 - x));
  }

  /** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest decimal without exponent. */
  static String formatF(double v) {
    return io.coordscope.sidecar.text.GoFloat.formatF(v);
  }

  /**
   * Go's strconv.ParseFloat for label values such as {@code le}: decimal or hex floats, {@code
   * Inf}/{@code Infinity}/{@code NaN} in any case with an optional sign; nothing else (no
   * whitespace, no Java type suffixes).
   *
   * @throws NumberFormatException when Go would refuse the text
   */
  static double parseFloat(String s) {
    String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    boolean neg = s.startsWith("-");
    if (lower.equals("inf") || lower.equals("infinity")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    if (!t.matches("(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|0[xX]([0-9a-fA-F]+(\\.[0-9a-fA-F]*)?|\\.[0-9a-fA-F]+)[pP][+-]?\\d+")) {
      throw new NumberFormatException("invalid float: " + s);
    }
    return Double.parseDouble(s);
  }

  /** Kahan-Babuska summation step as Prometheus's kahanSumInc: returns {sum, compensation}. */
  static void kahanInc(double inc, double[] sumAndC) {
    double sum = sumAndC[0];
    double t = sum + inc;
    if (Math.abs(sum) >= Math.abs(inc)) {
      sumAndC[1] += (sum - t) + inc;
    } else {
      sumAndC[1] += (inc - t) + sum;
    }
    sumAndC[0] = t;
  }
}
