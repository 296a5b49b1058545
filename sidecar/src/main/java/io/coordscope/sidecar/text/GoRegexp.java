package io.coordscope.sidecar.text;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Regular expressions as Prometheus 2.42 (Go 1.19's {@code regexp}) reads and runs them, on RE2J:
 * matching takes time linear in the input, so no pattern can stall a rule evaluation or a query.
 * Without flags, {@code .} does not match {@code \n}, as in Go.
 *
 * <p>RE2J accepts {@code (?<name>re)}, which Go accepts only from 1.22 on; it is refused here as
 * Prometheus 2.42 refuses it, so every pattern the sidecar accepts is accepted by {@code promtool}.
 */
public final class GoRegexp {

  /** A pattern Go rejects; the message is Go's: {@code error parsing regexp: <problem>: `<text>`}. */
  public static final class SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  private GoRegexp() {}

  /** Compiles {@code re} unanchored, as Go's {@code regexp.Compile} (template {@code match}). */
  public static Pattern compile(String re) {
    refuseWhatGo119Refuses(re);
    try {
      return Pattern.compile(re);
    } catch (PatternSyntaxException e) {
      throw goError(e, re);
    }
  }

  /**
   * Compiles {@code ^(?:re)$}, as Prometheus 2.42 compiles label matchers and {@code label_replace}.
   * As there, an error in the anchored text names the anchored text ({@code missing closing ):
   * `^(?:()$`}), and {@code re} must also be a pattern on its own ({@code a)(b} is refused).
   */
  public static Pattern compileAnchored(String re) {
    refuseWhatGo119Refuses(re);
    Pattern anchored;
    try {
      anchored = Pattern.compile("^(?:" + re + ")$");
    } catch (PatternSyntaxException e) {
      throw goError(e, "^(?:" + re + ")$");
    }
    compile(re);
    return anchored;
  }

  /**
   * Go's {@code Regexp.ReplaceAllString}: every leftmost non-overlapping match replaced by {@code
   * template} expanded as {@link #expand}; an empty match right after a match is not replaced.
   */
  public static String replaceAll(Pattern p, String text, String template) {
    Matcher m = p.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int lastMatchEnd = 0;
    int searchPos = 0;
    while (searchPos <= text.length() && m.find(searchPos)) {
      out.append(text, lastMatchEnd, m.start());
      if (m.end() > lastMatchEnd || m.start() == 0) {
        out.append(expand(template, m));
      }
      lastMatchEnd = m.end();
      int width = searchPos < text.length() ? Character.charCount(text.codePointAt(searchPos)) : 1;
      searchPos = Math.max(searchPos + width, m.end());
    }
    out.append(text, lastMatchEnd, text.length());
    return out.toString();
  }

  /**
   * Go's {@code Regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code
   * $$}. A name is the longest run of letters, digits and underscores, so {@code $1x} names group
   * "1x", which does not exist and expands to nothing; a malformed reference stays as text.
   */
  public static String expand(String template, Matcher m) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        sb.append(c);
        i++;
        continue;
      }
      if (template.charAt(i + 1) == '$') {
        sb.append('$');
        i += 2;
        continue;
      }
      int end;
      String name;
      if (template.charAt(i + 1) == '{') {
        int close = template.indexOf('}', i + 2);
        name = close < 0 ? "" : template.substring(i + 2, close);
        end = close + 1;
      } else {
        end = i + 1;
        while (end < template.length() && isNameChar(template.codePointAt(end))) {
          end += Character.charCount(template.codePointAt(end));
        }
        name = template.substring(i + 1, end);
      }
      if (name.isEmpty() || !name.codePoints().allMatch(GoRegexp::isNameChar)) {
        sb.append(c); // malformed: '$' is text
        i++;
        continue;
      }
      sb.append(group(m, name));
      i = end;
    }
    return sb.toString();
  }

  private static String group(Matcher m, String name) {
    int num = number(name);
    String v;
    if (num >= 0) {
      v = num <= m.groupCount() ? m.group(num) : null;
    } else {
      try {
        v = m.group(name);
      } catch (IllegalArgumentException e) {
        v = null; // no group of that name
      }
    }
    return v == null ? "" : v;
  }

  /** The group number {@code name} spells in Go (digits, no leading zero, below 1e8), or -1. */
  private static int number(String name) {
    int num = 0;
    for (int i = 0; i < name.length(); i++) {
      char d = name.charAt(i);
      if (d < '0' || d > '9' || num >= 100_000_000) {
        return -1;
      }
      num = num * 10 + (d - '0');
    }
    return name.length() > 1 && name.charAt(0) == '0' ? -1 : num;
  }

  private static boolean isNameChar(int cp) {
    return cp == '_' || Character.isLetter(cp) || Character.isDigit(cp);
  }

  /** Go's text for RE2J's error; RE2J reports an unmatched {@code )} as an internal error. */
  private static SyntaxException goError(PatternSyntaxException e, String text) {
    if (e.getMessage().contains("internal error: `stack underflow`")) {
      return new SyntaxException("error parsing regexp: unexpected ): `" + text + "`");
    }
    return new SyntaxException(e.getMessage());
  }

  /** Go 1.19 reads {@code (?<} as a bad flag group; RE2J reads it as a named group. */
  private static void refuseWhatGo119Refuses(String re) {
    if (!re.contains("(?<")) {
      return;
    }
    boolean inClass = false;
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\') {
        if (re.startsWith("Q", i + 1)) {
          int e = re.indexOf("\\E", i + 2);
          i = e < 0 ? re.length() : e + 1;
        } else {
          i++;
        }
      } else if (inClass) {
        if (re.startsWith("[:", i)) {
          int e = re.indexOf(":]", i + 2);
          i = e < 0 ? i : e + 1;
        } else if (c == ']') {
          inClass = false;
        }
      } else if (c == '[') {
        inClass = true;
        i += re.startsWith("^", i + 1) ? 1 : 0;
        i += re.startsWith("]", i + 1) ? 1 : 0; // a leading ']' is a literal
      } else if (re.startsWith("(?<", i)) {
        throw new SyntaxException("error parsing regexp: invalid or unsupported Perl syntax: `(?<`");
      }
    }
  }
}
