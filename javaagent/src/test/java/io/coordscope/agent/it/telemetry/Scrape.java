package io.coordscope.agent.it.telemetry;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small readers over a scraped exposition, for assertions with exact figures. */
public final class Scrape {

  private static final Pattern EXEMPLAR_TRACE = Pattern.compile("# \\{[^}]*trace_id=\"([0-9a-f]{32})\"");

  private Scrape() {}

  /**
   * The value of the sample {@code name{labels}} (labels exactly as exposed, sorted by name), or
   * NaN when absent.
   */
  public static double value(String text, String name, String labels) {
    String prefix = labels.isEmpty() ? name + " " : name + "{" + labels + "} ";
    for (String line : text.split("\n")) {
      if (line.startsWith(prefix)) {
        String rest = line.substring(prefix.length());
        int sp = rest.indexOf(' ');
        return Double.parseDouble(sp < 0 ? rest : rest.substring(0, sp));
      }
    }
    return Double.NaN;
  }

  public static Set<String> exemplarTraceIds(String openMetrics) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = EXEMPLAR_TRACE.matcher(openMetrics);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  public static String op(String operation, String kind, String outcome, String errorType) {
    return "error_type=\"" + errorType + "\",kind=\"" + kind + "\",operation=\"" + operation
        + "\",outcome=\"" + outcome + "\"";
  }
}
