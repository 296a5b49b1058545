package io.coordscope.sidecar.promql;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Bridges Go's RE2 syntax, which PromQL regular expressions use, to {@code java.util.regex}:
 * rewrites {@code (?P<name>...)} groups and POSIX classes such as {@code [[:digit:]]}, and refuses
 * what RE2 refuses (back-references, look-around, atomic groups, possessive quantifiers), so a
 * pattern means here what it means in Prometheus or is an error in both.
 */
final class Re2 {

  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("alnum", "Alnum"), Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"),
      Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"), Map.entry("graph", "Graph"), Map.entry("lower", "Lower"),
      Map.entry("print", "Print"), Map.entry("punct", "Punct"), Map.entry("space", "Space"), Map.entry("upper", "Upper"),
      Map.entry("xdigit", "XDigit"));

  private Re2() {}

  /** Compiles as Prometheus 2.42 does: {@code ^(?:re)$}, where {@code .} matches anything but {@code \n}. */
  static Pattern compileAnchored(String re) {
    return Pattern.compile("^(?:" + toJava(re) + ")$", Pattern.UNIX_LINES);
  }

  /**
   * The Java spelling of an RE2 pattern.
   *
   * @throws PatternSyntaxException for constructs RE2 does not accept
   */
  static String toJava(String re) {
    StringBuilder out = new StringBuilder(re.length() + 8);
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        char n = re.charAt(i + 1);
        if (n >= '1' && n <= '9') {
          throw new PatternSyntaxException("invalid escape sequence (back-references are not supported)", re, i);
        }
        out.append(c).append(n);
        i++;
      } else if (inClass) {
        if (c == '[' && re.startsWith("[:", i)) {
          int end = re.indexOf(":]", i + 2);
          String name = end < 0 ? null : re.substring(i + 2, end);
          boolean negated = name != null && name.startsWith("^");
          String key = negated ? name.substring(1) : name;
          if (key != null && key.equals("word")) {
            out.append(negated ? "\\W" : "\\w");
          } else if (key != null && POSIX.containsKey(key)) {
            out.append(negated ? "\\P{" : "\\p{").append(POSIX.get(key)).append('}');
          } else {
            throw new PatternSyntaxException("invalid character class range", re, i);
          }
          i = end + 1;
        } else if (c == '[') {
          out.append("\\["); // literal in RE2; would open a nested class in Java
        } else if (c == '&') {
          out.append("\\&"); // "&&" is intersection in Java, literal in RE2
        } else {
          if (c == ']') {
            inClass = false;
          }
          out.append(c);
        }
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        if (re.startsWith("^", i + 1)) {
          out.append('^');
          i++;
        }
        if (re.startsWith("]", i + 1)) { // a leading ']' is literal
          out.append("\\]");
          i++;
        }
      } else if (c == '(' && re.startsWith("(?P<", i)) {
        out.append("(?<");
        i += 3;
      } else if (c == '(' && (re.startsWith("(?=", i) || re.startsWith("(?!", i) || re.startsWith("(?<", i) || re.startsWith("(?>", i))) {
        throw new PatternSyntaxException("invalid or unsupported Perl syntax (look-around and atomic groups are not RE2)", re, i);
      } else if (c == '+' && i > 0 && "*+?}".indexOf(re.charAt(i - 1)) >= 0 && !escaped(re, i - 1)) {
        throw new PatternSyntaxException("invalid nested repetition operator", re, i);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean escaped(String re, int i) {
    int backslashes = 0;
    for (int j = i - 1; j >= 0 && re.charAt(j) == '\\'; j--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
