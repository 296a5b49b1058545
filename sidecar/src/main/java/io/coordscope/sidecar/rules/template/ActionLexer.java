package io.coordscope.sidecar.rules.template;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits the inside of one {@code {{ }}} action into words: quoted strings (escapes decoded, kept
 * between their quote characters), {@code |}, parentheses, {@code :=}, {@code =} and bare words
 * such as {@code $labels.job}, {@code .Value}, {@code humanize} or {@code 0.5}.
 */
final class ActionLexer {

  private ActionLexer() {}

  static List<String> split(String s, Function<String, TemplateException> error) throws TemplateException {
    return split(s, error, new ArrayList<>(), new ArrayList<>());
  }

  /**
   * Also records, per word, its offset in {@code s} and its source text (quotes and escapes as
   * written), which execution errors quote as Go does.
   */
  static List<String> split(String s, Function<String, TemplateException> error, List<Integer> offsets, List<String> raw)
      throws TemplateException {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int before = out.size();
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '|' || c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == ':' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
        out.add(":=");
        i += 2;
      } else if (c == '=') {
        out.add("=");
        i++;
      } else if (c == '`') {
        int end = s.indexOf('`', i + 1);
        if (end < 0) {
          throw error.apply("unterminated raw quoted string");
        }
        out.add(s.substring(i, end + 1));
        i = end + 1;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder("\"");
        i++;
        boolean closed = false;
        while (i < s.length()) {
          char d = s.charAt(i++);
          if (d == '"') {
            closed = true;
            break;
          }
          if (d == '\\' && i < s.length()) {
            char e = s.charAt(i++);
            switch (e) {
              case 'n' -> sb.append('\n');
              case 't' -> sb.append('\t');
              case 'r' -> sb.append('\r');
              case '\\', '"', '\'' -> sb.append(e);
              default -> throw error.apply("invalid syntax in quoted string: \\" + e);
            }
          } else {
            sb.append(d);
          }
        }
        if (!closed) {
          throw error.apply("unterminated quoted string");
        }
        out.add(sb.append('"').toString());
      } else {
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "|()\"`".indexOf(s.charAt(i)) < 0
            && !(s.charAt(i) == ':' && i + 1 < s.length() && s.charAt(i + 1) == '=')) {
          i++;
        }
        out.add(s.substring(start, i));
      }
      if (out.size() > before) {
        offsets.add(start);
        raw.add(s.substring(start, i));
      }
    }
    return out;
  }
}
