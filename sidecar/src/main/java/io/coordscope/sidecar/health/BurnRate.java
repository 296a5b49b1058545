package io.coordscope.sidecar.health;

/**
 * SLO burn rates and their mapping to a component (SRE-workbook multi-window style).
 *
 * <p>A burn rate {@code b} is the bad share divided by the budget ({@code 1 - SLO}): 1 spends the
 * budget exactly over the SLO period, 14.4 spends a 30-day budget in two days (the workbook's page
 * threshold). {@code S(b) = clamp(1 − ln(max(b,1)) / ln(14.4), 0, 1)}: 1 up to b = 1, 0 from 14.4 on,
 * logarithmic in between.
 */
public final class BurnRate {

  /** The burn rate at which a component reaches 0. */
  public static final double PAGE = 14.4;
  static final double LN_PAGE = Math.log(PAGE);

  private BurnRate() {}

  /** {@code S(b)}; NaN stays NaN (undefined). */
  public static double score(double b) {
    if (Double.isNaN(b)) {
      return Double.NaN;
    }
    double s = 1 - Math.log(Math.max(b, 1)) / LN_PAGE;
    return Math.max(0, Math.min(1, s));
  }

  /** Bad share / budget; NaN when no operation was observed ({@code total} 0 or NaN). */
  public static double burn(double bad, double total, double slo) {
    if (!(total > 0)) {
      return Double.NaN;
    }
    return bad / total / (1 - slo);
  }

  /**
   * The burn over both windows: the smaller, so that a short spike alone (short high, long low) or
   * an old incident alone (long high, short low) does not count as a burn. Undefined without
   * traffic in the long window; the long one alone when the short window saw no traffic.
   */
  public static double multiWindow(double shortBurn, double longBurn) {
    if (Double.isNaN(longBurn)) {
      return Double.NaN;
    }
    return !Double.isNaN(shortBurn) && shortBurn <= longBurn ? shortBurn : longBurn;
  }
}
