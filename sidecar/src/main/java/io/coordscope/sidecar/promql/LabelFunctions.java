package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.StringLiteral;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code label_replace} and {@code label_join}; both keep the metric name. */
final class LabelFunctions {

  private LabelFunctions() {}

  static List<Sample> labelReplace(Evaluator ev, List<Expr> args) {
    List<Sample> in = ev.vector(args.get(0));
    String dst = string(ev, args.get(1));
    String repl = string(ev, args.get(2));
    String src = string(ev, args.get(3));
    String regex = string(ev, args.get(4));
    Pattern p;
    try {
      p = Re2.compileAnchored(regex);
    } catch (PatternSyntaxException e) {
      throw new PromQLException("invalid regular expression in label_replace(): " + regex);
    }
    if (!Aggregations.LABEL_NAME.matcher(dst).matches()) {
      throw new PromQLException("invalid destination label name in label_replace(): " + dst);
    }
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      Matcher m = p.matcher(s.labels().get(src));
      if (!m.matches()) {
        out.add(s.withLabels(s.labels()));
        continue;
      }
      String res = expand(repl, m);
      out.add(s.withLabels(s.labels().toBuilder().set(dst, res).build()));
    }
    return out;
  }

  static List<Sample> labelJoin(Evaluator ev, List<Expr> args) {
    List<Sample> in = ev.vector(args.get(0));
    String dst = string(ev, args.get(1));
    String sep = string(ev, args.get(2));
    List<String> srcs = new ArrayList<>();
    for (int i = 3; i < args.size(); i++) {
      String src = string(ev, args.get(i));
      if (!Aggregations.LABEL_NAME.matcher(src).matches()) {
        throw new PromQLException("invalid source label name in label_join(): " + src);
      }
      srcs.add(src);
    }
    if (!Aggregations.LABEL_NAME.matcher(dst).matches()) {
      throw new PromQLException("invalid destination label name in label_join(): " + dst);
    }
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      List<String> vals = new ArrayList<>();
      for (String src : srcs) {
        vals.add(s.labels().get(src));
      }
      out.add(s.withLabels(s.labels().toBuilder().set(dst, String.join(sep, vals)).build()));
    }
    return out;
  }

  private static String string(Evaluator ev, Expr e) {
    Expr u = Functions.unwrap(e);
    return u instanceof StringLiteral s ? s.value() : ((StringValue) ev.eval(e)).value();
  }

  /**
   * Go's Regexp.Expand: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}}, {@code $$}. A
   * name is the longest run of letters, digits and underscores, so {@code $1x} names group "1x",
   * which does not exist and expands to nothing.
   */
  static String expand(String template, Matcher m) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        sb.append(c);
        i++;
        continue;
      }
      char n = template.charAt(i + 1);
      if (n == '$') {
        sb.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (n == '{') {
        int close = template.indexOf('}', i + 2);
        name = close < 0 ? "" : template.substring(i + 2, close);
        if (close < 0 || !isName(name)) {
          sb.append(c);
          i++;
          continue;
        }
        end = close + 1;
      } else {
        end = i + 1;
        while (end < template.length() && isNameChar(template.charAt(end))) {
          end++;
        }
        name = template.substring(i + 1, end);
        if (name.isEmpty()) {
          sb.append(c);
          i++;
          continue;
        }
      }
      sb.append(group(m, name));
      i = end;
    }
    return sb.toString();
  }

  private static String group(Matcher m, String name) {
    String v = null;
    if (name.chars().allMatch(Character::isDigit)) {
      try {
        int g = Integer.parseInt(name);
        v = g <= m.groupCount() ? m.group(g) : null;
      } catch (NumberFormatException e) {
        v = null;
      }
    } else {
      try {
        v = m.group(name);
      } catch (IllegalArgumentException e) {
        v = null;
      }
    }
    return v == null ? "" : v;
  }

  private static boolean isName(String s) {
    return !s.isEmpty() && s.chars().allMatch(ch -> isNameChar((char) ch));
  }

  private static boolean isNameChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
