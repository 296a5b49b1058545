package io.coordscope.sidecar.rules.template;

import io.coordscope.sidecar.text.GoFloat;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf} for the verbs templates use: {@code %v %s %q %d %f %F %e %E %g %G %x %%},
 * with flags {@code -+ 0}, width and precision. Mismatches print like Go ({@code %!d(string=x)}).
 */
final class GoPrintf {

  private static final int TOO_LARGE = 1_000_000;

  private GoPrintf() {}

  static String format(String fmt, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int argi = 0;
    int i = 0;
    while (i < fmt.length()) {
      char c = fmt.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      boolean minus = false;
      boolean plus = false;
      boolean zero = false;
      boolean space = false;
      while (i < fmt.length() && "-+0 #".indexOf(fmt.charAt(i)) >= 0) {
        char f = fmt.charAt(i++);
        minus |= f == '-';
        plus |= f == '+';
        zero |= f == '0';
        space |= f == ' ';
      }
      int width = -1;
      while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
        width = Math.min(Math.max(width, 0) * 10 + (fmt.charAt(i++) - '0'), TOO_LARGE + 1);
      }
      int prec = -1;
      if (i < fmt.length() && fmt.charAt(i) == '.') {
        i++;
        prec = 0;
        while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) {
          prec = Math.min(prec * 10 + (fmt.charAt(i++) - '0'), TOO_LARGE + 1);
        }
      }
      if (width > TOO_LARGE || prec > TOO_LARGE) {
        // Go's parsenum gives up on numbers over 1e6 and consumes the rest of the format.
        out.append("%!(NOVERB)");
        break;
      }
      if (i >= fmt.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = fmt.charAt(i++);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argi >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      String s = one(verb, prec, args.get(argi++));
      if (plus && !s.startsWith("-") && !s.startsWith("+") && "dfFeEgGv".indexOf(verb) >= 0 && !s.startsWith("%!")) {
        s = "+" + s;
      } else if (space && !s.startsWith("-") && "dfFeEgG".indexOf(verb) >= 0) {
        s = " " + s;
      }
      out.append(pad(s, width, minus, zero && !minus && "dfFeEgGx".indexOf(verb) >= 0));
    }
    if (argi < args.size()) {
      out.append("%!(EXTRA ");
      for (int k = argi; k < args.size(); k++) {
        Object a = args.get(k);
        out.append(k > argi ? ", " : "").append(TemplateFunctions.typeName(a)).append('=').append(TemplateFunctions.print(a));
      }
      out.append(')');
    }
    return out.toString();
  }

  private static String one(char verb, int prec, Object a) {
    if (a instanceof Double d) {
      return switch (verb) {
        case 'v' -> prec < 0 ? GoFloat.formatV(d) : GoFloat.g(d, prec);
        case 'f', 'F' -> GoFloat.f(d, prec < 0 ? 6 : prec);
        case 'e' -> GoFloat.e(d, prec < 0 ? 6 : prec);
        case 'E' -> GoFloat.e(d, prec < 0 ? 6 : prec).toUpperCase(java.util.Locale.ROOT);
        case 'g' -> prec < 0 ? GoFloat.formatV(d) : GoFloat.g(d, prec);
        case 'G' -> (prec < 0 ? GoFloat.formatV(d) : GoFloat.g(d, prec)).toUpperCase(java.util.Locale.ROOT);
        default -> bad(verb, a);
      };
    }
    if (a instanceof String s) {
      return switch (verb) {
        case 'v', 's' -> prec >= 0 && prec < s.length() ? s.substring(0, prec) : s;
        case 'q' -> '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        case 'x' -> hex(s);
        default -> bad(verb, a);
      };
    }
    if (a instanceof Boolean b) {
      return verb == 'v' || verb == 't' ? b.toString() : bad(verb, a);
    }
    return verb == 'v' || verb == 's' ? TemplateFunctions.print(a) : bad(verb, a);
  }

  private static String hex(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }

  private static String bad(char verb, Object a) {
    return "%!" + verb + "(" + TemplateFunctions.typeName(a) + "=" + TemplateFunctions.print(a) + ")";
  }

  private static String pad(String s, int width, boolean left, boolean zeros) {
    if (width <= s.length()) {
      return s;
    }
    String fill = (zeros ? "0" : " ").repeat(width - s.length());
    if (left) {
      return s + fill;
    }
    if (zeros && (s.startsWith("-") || s.startsWith("+"))) {
      return s.charAt(0) + fill + s.substring(1);
    }
    return fill + s;
  }
}
