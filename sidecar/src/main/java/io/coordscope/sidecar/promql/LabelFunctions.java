package io.coordscope.sidecar.promql;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.StringLiteral;
import io.coordscope.sidecar.text.GoRegexp;
import java.util.ArrayList;
import java.util.List;

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
      p = GoRegexp.compileAnchored(regex);
    } catch (GoRegexp.SyntaxException e) {
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
      String res = GoRegexp.expand(repl, m);
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
}
