package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import io.coordscope.sidecar.promql.Token.Kind;
import io.coordscope.sidecar.promql.ast.AggregateExpr;
import io.coordscope.sidecar.promql.ast.AggregateOp;
import io.coordscope.sidecar.promql.ast.Call;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.FunctionSignature;
import io.coordscope.sidecar.promql.ast.ValueType;
import io.coordscope.sidecar.promql.ast.VectorSelector;
import io.coordscope.sidecar.text.GoRegexp;
import java.util.ArrayList;
import java.util.List;

/** Parses selectors, aggregations, function calls and label lists, with Prometheus's type checks. */
final class TermParser {

  private final TokenStream ts;
  private final Parser parser;

  TermParser(TokenStream ts, Parser parser) {
    this.ts = ts;
    this.parser = parser;
  }

  VectorSelector selector(String name, Token start) {
    List<Matcher> matchers = new ArrayList<>();
    if (name != null) {
      matchers.add(Matcher.eq(Labels.METRIC_NAME, name));
    }
    if (ts.peek().is(Kind.LBRACE)) {
      ts.skip();
      while (!ts.peek().is(Kind.RBRACE)) {
        Token label = ts.next();
        if (!label.is(Kind.IDENT)) {
          throw ts.unexpected(label, "label matching", "label matching operator");
        }
        Token op = ts.next();
        Matcher.Type type = switch (op.kind()) {
          case ASSIGN -> Matcher.Type.EQ;
          case NEQ -> Matcher.Type.NEQ;
          case EQL_REGEX -> Matcher.Type.RE;
          case NEQ_REGEX -> Matcher.Type.NRE;
          default -> throw ts.unexpected(op, "label matching", "label matching operator");
        };
        Token value = ts.next();
        if (!value.is(Kind.STRING)) {
          throw ts.unexpected(value, "label matching", "string");
        }
        if (name != null && label.text().equals(Labels.METRIC_NAME)) {
          throw ts.error(start, "metric name must not be set twice: \"" + name + "\" or \"" + value.text() + "\"");
        }
        try {
          matchers.add(Matcher.of(type, label.text(), value.text()));
        } catch (GoRegexp.SyntaxException e) {
          throw ts.error(label, e.getMessage()); // Prometheus: the matcher's position, Go's message
        }
        if (ts.peek().is(Kind.COMMA)) {
          ts.skip();
        } else if (!ts.peek().is(Kind.RBRACE)) {
          throw ts.unexpected(ts.peek(), "label matching", "\",\" or \"}\"");
        }
      }
      ts.skip();
    }
    boolean nonEmpty = matchers.stream().anyMatch(m -> !m.matchesEmpty());
    if (!nonEmpty) {
      throw ts.error(start, "vector selector must contain at least one non-empty matcher");
    }
    return new VectorSelector(name, matchers, 0);
  }


  Expr aggregate(AggregateOp op, Token start) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean hasGrouping = false;
    if (ts.peek().isWord("by") || ts.peek().isWord("without")) {
      without = ts.next().isWord("without");
      grouping = groupingLabels();
      hasGrouping = true;
    }
    if (!ts.peek().is(Kind.LPAREN)) {
      throw ts.unexpected(ts.peek(), "aggregation", "\"(\"");
    }
    List<Integer> argPos = new ArrayList<>();
    List<Expr> args = arguments(argPos);
    if (!hasGrouping && (ts.peek().isWord("by") || ts.peek().isWord("without"))) {
      without = ts.next().isWord("without");
      grouping = groupingLabels();
    }
    int want = op.paramType() == null ? 1 : 2;
    if (args.size() != want) {
      throw ts.error(start, "wrong number of arguments for aggregate expression provided, expected " + want + ", got " + args.size());
    }
    Expr param = want == 2 ? args.get(0) : null;
    Expr inner = args.get(want - 1);
    if (param != null && param.type() != op.paramType()) {
      throw ts.error(argPos.get(0), "expected type " + op.paramType() + " in aggregation parameter, got " + param.type());
    }
    if (inner.type() != ValueType.VECTOR) {
      throw ts.error(argPos.get(want - 1), "expected type instant vector in aggregation expression, got " + inner.type());
    }
    return new AggregateExpr(op, param, inner, grouping, without);
  }

  Expr call(Token name) {
    FunctionSignature f = FunctionSignature.lookup(name.text());
    if (f == null) {
      throw ts.error(name, "unknown function with name \"" + name.text() + "\"");
    }
    if (!f.supported()) {
      throw new UnsupportedFeatureException(ts.query, name.pos(), "function " + f.name());
    }
    List<Integer> argPos = new ArrayList<>();
    List<Expr> args = arguments(argPos);
    int declared = f.argTypes().size();
    if (f.variadic() == 0) {
      if (declared != args.size()) {
        throw ts.error(name, "expected " + declared + " argument(s) in call to \"" + f.name() + "\", got " + args.size());
      }
    } else {
      int min = declared - 1;
      if (min > args.size()) {
        throw ts.error(name, "expected at least " + min + " argument(s) in call to \"" + f.name() + "\", got " + args.size());
      }
      if (f.variadic() > 0 && min + f.variadic() < args.size()) {
        throw ts.error(name, "expected at most " + (min + f.variadic()) + " argument(s) in call to \"" + f.name() + "\", got " + args.size());
      }
    }
    for (int a = 0; a < args.size(); a++) {
      ValueType want = f.argTypes().get(Math.min(a, declared - 1));
      if (args.get(a).type() != want) {
        throw ts.error(argPos.get(a), "expected type " + want + " in call to function \"" + f.name() + "\", got " + args.get(a).type());
      }
    }
    return new Call(f, args);
  }

  /** Parses {@code (expr, ...)}; adds each argument's start offset to {@code positions}. */
  private List<Expr> arguments(List<Integer> positions) {
    ts.expect(Kind.LPAREN, "argument list");
    List<Expr> args = new ArrayList<>();
    if (ts.peek().is(Kind.RPAREN)) {
      ts.skip();
      return args;
    }
    while (true) {
      positions.add(ts.peek().pos());
      args.add(parser.expr(0));
      Token t = ts.next();
      if (t.is(Kind.RPAREN)) {
        return args;
      }
      if (!t.is(Kind.COMMA)) {
        throw ts.unexpected(t, "argument list", "\",\" or \")\"");
      }
    }
  }

  List<String> groupingLabels() {
    if (!ts.peek().is(Kind.LPAREN)) {
      throw ts.unexpected(ts.peek(), "grouping opts", "\"(\"");
    }
    ts.skip();
    List<String> labels = new ArrayList<>();
    while (!ts.peek().is(Kind.RPAREN)) {
      Token l = ts.next();
      if (!l.is(Kind.IDENT)) {
        throw ts.unexpected(l, "grouping opts", "label");
      }
      labels.add(l.text());
      if (ts.peek().is(Kind.COMMA)) {
        ts.skip();
      } else if (!ts.peek().is(Kind.RPAREN)) {
        throw ts.unexpected(ts.peek(), "grouping opts", "\",\" or \")\"");
      }
    }
    ts.skip();
    return labels;
  }

}
