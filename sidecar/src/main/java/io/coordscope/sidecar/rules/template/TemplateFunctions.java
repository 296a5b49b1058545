package io.coordscope.sidecar.rules.template;

import io.coordscope.sidecar.text.GoFloat;
import io.coordscope.sidecar.text.GoQuote;
import io.coordscope.sidecar.text.GoRegexp;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The functions of Prometheus's alert templates that coordscope supports, plus Go's builtins. */
final class TemplateFunctions {

  private static final Set<String> SUPPORTED = Set.of(
      "humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp",
      "printf", "print", "toUpper", "toLower", "title", "match", "reReplaceAll", "stripPort", "safeHtml",
      "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "len", "index");

  /** Prometheus has these (most query the TSDB from a template); we refuse them by name. */
  private static final Set<String> PROMETHEUS_ONLY = Set.of(
      "query", "first", "label", "value", "strvalue", "args", "sortByLabel", "graphLink", "tableLink",
      "pathPrefix", "externalURL", "parseDuration", "toTime", "html", "js", "urlquery", "call", "slice", "println");

  private TemplateFunctions() {}

  static boolean exists(String name) {
    return SUPPORTED.contains(name);
  }

  static boolean unsupportedPrometheusFunction(String name) {
    return PROMETHEUS_ONLY.contains(name);
  }

  /**
   * @throws IllegalArgumentException with the function's own error message
   */
  static Object call(String fn, List<Object> args) {
    return invoke(fn, args);
  }

  private static Object invoke(String fn, List<Object> a) {
    return switch (fn) {
      case "humanize" -> Humanize.humanize(num(a, 0));
      case "humanize1024" -> Humanize.humanize1024(num(a, 0));
      case "humanizeDuration" -> Humanize.duration(num(a, 0));
      case "humanizePercentage" -> GoFloat.g(num(a, 0) * 100, 4) + "%";
      case "humanizeTimestamp" -> Humanize.timestamp(num(a, 0));
      case "printf" -> GoPrintf.format(str(arg(a, 0)), a.subList(1, a.size()));
      case "print" -> a.stream().map(TemplateFunctions::print).reduce("", String::concat);
      case "toUpper" -> str(arg(a, 0)).toUpperCase(Locale.ROOT);
      case "toLower" -> str(arg(a, 0)).toLowerCase(Locale.ROOT);
      case "title" -> title(str(arg(a, 0)));
      case "match" -> GoRegexp.compile(str(arg(a, 0))).matcher(str(arg(a, 1))).find();
      case "reReplaceAll" -> GoRegexp.replaceAll(mustCompile(str(arg(a, 0))), str(arg(a, 2)), str(arg(a, 1)));
      case "stripPort" -> stripPort(str(arg(a, 0)));
      case "safeHtml" -> str(arg(a, 0));
      case "eq" -> compare(a) == 0;
      case "ne" -> compare(a) != 0;
      case "lt" -> compare(a) < 0;
      case "le" -> compare(a) <= 0;
      case "gt" -> compare(a) > 0;
      case "ge" -> compare(a) >= 0;
      case "and" -> a.stream().filter(x -> !truth(x)).findFirst().orElse(a.isEmpty() ? null : a.get(a.size() - 1));
      case "or" -> a.stream().filter(TemplateFunctions::truth).findFirst().orElse(a.isEmpty() ? null : a.get(a.size() - 1));
      case "not" -> !truth(arg(a, 0));
      case "len" -> (double) (arg(a, 0) instanceof Map<?, ?> m ? m.size() : str(arg(a, 0)).length());
      case "index" -> arg(a, 0) instanceof Map<?, ?> m ? String.valueOf(m.get(str(arg(a, 1))) == null ? "" : m.get(str(arg(a, 1)))) : "";
      default -> throw new IllegalArgumentException("function \"" + fn + "\" not defined");
    };
  }

  /** Go's {@code regexp.MustCompile}, whose panic text/template reports as the call's error. */
  private static com.google.re2j.Pattern mustCompile(String re) {
    try {
      return GoRegexp.compile(re);
    } catch (GoRegexp.SyntaxException e) {
      throw new IllegalArgumentException("regexp: Compile(" + GoQuote.backquoteOrQuote(re) + "): " + e.getMessage(), e);
    }
  }

  private static String title(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      sb.append(start ? Character.toTitleCase(c) : c);
      start = !Character.isLetterOrDigit(c) && c != '_' && c != '\'';
    }
    return sb.toString();
  }

  private static String stripPort(String hostPort) {
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      return end > 0 ? hostPort.substring(1, end) : hostPort;
    }
    int colon = hostPort.lastIndexOf(':');
    return colon >= 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }

  private static int compare(List<Object> a) {
    Object x = arg(a, 0);
    Object y = arg(a, 1);
    if (x instanceof Double dx && y instanceof Double dy) {
      return Double.compare(dx, dy);
    }
    if (x instanceof String sx && y instanceof String sy) {
      return sx.compareTo(sy);
    }
    if (x instanceof Boolean bx && y instanceof Boolean by) {
      return bx.equals(by) ? 0 : 1;
    }
    throw new IllegalArgumentException("incompatible types for comparison");
  }

  private static Object arg(List<Object> a, int i) {
    if (i >= a.size()) {
      throw new IllegalArgumentException("wrong number of args: want at least " + (i + 1) + " got " + a.size());
    }
    return a.get(i);
  }

  private static String str(Object o) {
    return o instanceof String s ? s : print(o);
  }

  /** Like Prometheus's convertToFloat: numbers as they are, strings parsed. */
  private static double num(List<Object> a, int i) {
    Object o = arg(a, i);
    if (o instanceof Double d) {
      return d;
    }
    if (o instanceof String s) {
      try {
        return Double.parseDouble(s.replace("+Inf", "Infinity").replace("Inf", "Infinity"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + s + "\": invalid syntax");
      }
    }
    throw new IllegalArgumentException("can't convert " + typeName(o) + " to float");
  }

  /** How Go's text/template prints a value. */
  static String print(Object v) {
    if (v == null) {
      return "<no value>";
    }
    if (v instanceof Double d) {
      return GoFloat.formatV(d);
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("map[");
      new TreeMap<>(m).forEach((k, x) -> sb.append(sb.length() > 4 ? " " : "").append(k).append(':').append(print(x)));
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }

  /** Go's truthiness: false, 0, nil, empty string or map are false. */
  static boolean truth(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Double d) {
      return d != 0;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  static String typeName(Object v) {
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    return v instanceof Map<?, ?> ? "map[string]string" : "<nil>";
  }
}
