package io.coordscope.sidecar.web.page;

import io.coordscope.sidecar.health.HistoryRing;
import java.util.List;
import java.util.Locale;

/**
 * A score's history as an inline SVG: one polyline per run of known scores (UNKNOWN breaks the
 * line), faint guides at 80 and 50 (the band edges), the x axis spanning the long window; it
 * stretches to the card's width.
 */
final class Sparkline {

  static final int WIDTH = 240;
  static final int HEIGHT = 48;

  private Sparkline() {}

  static String svg(List<HistoryRing.Point> points, long nowMillis, long windowMillis, String cssClass, String label) {
    StringBuilder sb = new StringBuilder(1024);
    sb.append("<svg class=\"spark ").append(cssClass).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"").append(Html.escape(label)).append("\">");
    for (int guide : new int[] {80, 50}) {
      double y = y(guide);
      sb.append("<line class=\"guide\" x1=\"0\" x2=\"").append(WIDTH).append("\" y1=\"").append(f(y))
          .append("\" y2=\"").append(f(y)).append("\"/>");
    }
    StringBuilder line = new StringBuilder();
    for (HistoryRing.Point p : points) {
      if (Double.isNaN(p.score())) {
        flush(sb, line);
        continue;
      }
      double x = Math.max(0, WIDTH - (nowMillis - p.timeMillis()) * (double) WIDTH / Math.max(1, windowMillis));
      line.append(f(x)).append(',').append(f(y(p.score()))).append(' ');
    }
    flush(sb, line);
    return sb.append("</svg>").toString();
  }

  private static void flush(StringBuilder sb, StringBuilder line) {
    if (line.length() > 0) {
      sb.append("<polyline points=\"").append(line.toString().trim()).append("\"/>");
      line.setLength(0);
    }
  }

  /** 100 at the top with 3 px of margin, 0 at the bottom. */
  private static double y(double score) {
    return 3 + (100 - Math.max(0, Math.min(100, score))) * (HEIGHT - 6) / 100.0;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
