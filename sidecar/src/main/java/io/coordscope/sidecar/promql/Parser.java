package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import io.coordscope.sidecar.promql.Token.Kind;
import io.coordscope.sidecar.promql.ast.AggregateExpr;
import io.coordscope.sidecar.promql.ast.AggregateOp;
import io.coordscope.sidecar.promql.ast.BinaryExpr;
import io.coordscope.sidecar.promql.ast.BinaryOp;
import io.coordscope.sidecar.promql.ast.Call;
import io.coordscope.sidecar.promql.ast.Durations;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.FunctionSignature;
import io.coordscope.sidecar.promql.ast.MatrixSelector;
import io.coordscope.sidecar.promql.ast.NumberLiteral;
import io.coordscope.sidecar.promql.ast.ParenExpr;
import io.coordscope.sidecar.promql.ast.StringLiteral;
import io.coordscope.sidecar.promql.ast.UnaryExpr;
import io.coordscope.sidecar.promql.ast.ValueType;
import io.coordscope.sidecar.promql.ast.VectorMatching;
import io.coordscope.sidecar.promql.ast.VectorMatching.Cardinality;
import io.coordscope.sidecar.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** Recursive-descent / precedence-climbing PromQL parser with Prometheus's type checks. */
final class Parser {

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset");

  private final String query;
  private final List<Token> tokens;
  private int i;

  private Parser(String query) {
    this.query = query;
    this.tokens = Lexer.lex(query);
  }

  static Expr parse(String query) {
    Parser p = new Parser(query);
    if (p.peek().is(Kind.EOF)) {
      throw new PromQLException(query, 0, "no expression found in input");
    }
    Expr e = p.expr(0);
    if (!p.peek().is(Kind.EOF)) {
      throw p.unexpected(p.peek(), null, null);
    }
    return e;
  }

  // ---- expressions ----

  private Expr expr(int minPrec) {
    int lhsStart = peek().pos();
    Expr lhs = unary();
    while (true) {
      Token opTok = peek();
      BinaryOp op = binaryOp(opTok);
      if (op == null || op.precedence() < minPrec) {
        return lhs;
      }
      i++;
      boolean returnBool = false;
      if (peek().isWord("bool")) {
        i++;
        returnBool = true;
      }
      VectorMatching matching = VectorMatching.defaults(op);
      boolean explicit = false;
      if (peek().isWord("on") || peek().isWord("ignoring")) {
        boolean on = next().isWord("on");
        List<String> labels = groupingLabels();
        Cardinality card = op.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (peek().isWord("group_left") || peek().isWord("group_right")) {
          card = next().isWord("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
          include = peek().is(Kind.LPAREN) ? groupingLabels() : List.of();
        }
        matching = new VectorMatching(card, on, labels, include);
        explicit = true;
      }
      int rhsStart = peek().pos();
      Expr rhs = expr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
      lhs = binary(new int[] {lhsStart, opTok.pos(), rhsStart}, op, lhs, rhs, returnBool, matching, explicit);
    }
  }

  /** Builds and type-checks a binary expression; {@code pos} = start of lhs, operator, rhs (Prometheus's error positions). */
  private Expr binary(int[] pos, BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, boolean explicit) {
    ValueType lt = lhs.type();
    ValueType rt = rhs.type();
    if (returnBool && !op.isComparison()) {
      throw error(pos[1], "bool modifier can only be used on comparison operators");
    }
    if (op.isComparison() && lt == ValueType.SCALAR && rt == ValueType.SCALAR && !returnBool) {
      throw error(pos[1], "comparisons between scalars must use BOOL modifier");
    }
    if (matching.on()) {
      for (String l : matching.include()) {
        if (matching.matchingLabels().contains(l)) {
          throw error(pos[1], "label \"" + l + "\" must not occur in ON and GROUP clause at once");
        }
      }
    }
    if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
      throw error(pos[0], "binary expression must contain only scalar and instant vector types");
    }
    if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
      throw error(pos[2], "binary expression must contain only scalar and instant vector types");
    }
    boolean bothVectors = lt == ValueType.VECTOR && rt == ValueType.VECTOR;
    if (!bothVectors && explicit && !matching.matchingLabels().isEmpty()) {
      throw error(pos[0], "vector matching only allowed between instant vectors");
    }
    if (bothVectors && op.isSetOperator() && matching.card() != Cardinality.MANY_TO_MANY) {
      throw error(pos[0], "no grouping allowed for \"" + op.symbol() + "\" operation");
    }
    if (op.isSetOperator() && !bothVectors) {
      throw error(pos[0], "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
    }
    return new BinaryExpr(op, lhs, rhs, returnBool, bothVectors ? matching : null, explicit && bothVectors);
  }

  private Expr unary() {
    Token t = peek();
    if (t.is(Kind.ADD) || t.is(Kind.SUB)) {
      i++;
      Expr operand = expr(BinaryOp.POW.precedence());
      if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
        throw error(t, "unary expression only allowed on expressions of type scalar or instant vector, got \"" + operand.type() + "\"");
      }
      if (operand instanceof NumberLiteral n) {
        return t.is(Kind.SUB) ? new NumberLiteral(-n.value()) : n;
      }
      return new UnaryExpr(t.is(Kind.SUB), operand);
    }
    return postfix(primary(), t.pos());
  }

  private Expr primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        return new NumberLiteral(number(t));
      case STRING:
        return new StringLiteral(t.text());
      case LPAREN: {
        Expr inner = expr(0);
        expect(Kind.RPAREN, "paren expression");
        return new ParenExpr(inner);
      }
      case LBRACE:
        i--;
        return selector(null, t);
      case METRIC_IDENT:
        return selector(t.text(), t);
      case IDENT: {
        String lower = t.text().toLowerCase(Locale.ROOT);
        AggregateOp agg = AggregateOp.byKeyword(lower);
        if (agg != null) {
          return aggregate(agg, t);
        }
        if (KEYWORDS.contains(lower)) {
          throw unexpected(t, null, null);
        }
        if (peek().is(Kind.LPAREN)) {
          return call(t);
        }
        return selector(t.text(), t);
      }
      case AT:
        throw new UnsupportedFeatureException(query, t.pos(), "@ modifier");
      default:
        throw unexpected(t, null, null);
    }
  }

  private Expr postfix(Expr e, int start) {
    while (true) {
      Token t = peek();
      if (t.is(Kind.LBRACKET)) {
        i++;
        Token d = next();
        if (d.is(Kind.COLON)) {
          throw new UnsupportedFeatureException(query, t.pos(), "subquery");
        }
        if (!d.is(Kind.DURATION) && !d.is(Kind.NUMBER)) {
          throw unexpected(d, "range", "duration");
        }
        long range = duration(d);
        if (peek().is(Kind.COLON)) {
          throw new UnsupportedFeatureException(query, t.pos(), "subquery");
        }
        expect(Kind.RBRACKET, "range");
        if (!(e instanceof VectorSelector vs)) {
          throw error(start, "ranges only allowed for vector selectors");
        }
        if (vs.offsetMillis() != 0) {
          throw error(start, "no offset modifiers allowed before range");
        }
        e = new MatrixSelector(vs, range);
      } else if (t.isWord("offset")) {
        i++;
        boolean neg = false;
        if (peek().is(Kind.SUB) || peek().is(Kind.ADD)) {
          neg = next().is(Kind.SUB);
        }
        Token d = next();
        if (!d.is(Kind.DURATION)) {
          throw unexpected(d, "offset", "duration");
        }
        long off = duration(d) * (neg ? -1 : 1);
        if (e instanceof VectorSelector vs) {
          if (vs.offsetMillis() != 0) {
            throw error(start, "offset may not be set multiple times");
          }
          e = vs.withOffset(off);
        } else if (e instanceof MatrixSelector ms) {
          if (ms.selector().offsetMillis() != 0) {
            throw error(start, "offset may not be set multiple times");
          }
          e = new MatrixSelector(ms.selector().withOffset(off), ms.rangeMillis());
        } else {
          throw error(start, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        }
      } else if (t.is(Kind.AT)) {
        throw new UnsupportedFeatureException(query, t.pos(), "@ modifier");
      } else {
        return e;
      }
    }
  }

  // ---- selectors ----

  private VectorSelector selector(String name, Token start) {
    List<Matcher> matchers = new ArrayList<>();
    if (name != null) {
      matchers.add(Matcher.eq(Labels.METRIC_NAME, name));
    }
    if (peek().is(Kind.LBRACE)) {
      i++;
      while (!peek().is(Kind.RBRACE)) {
        Token label = next();
        if (!label.is(Kind.IDENT)) {
          throw unexpected(label, "label matching", "label matching operator");
        }
        Token op = next();
        Matcher.Type type = switch (op.kind()) {
          case ASSIGN -> Matcher.Type.EQ;
          case NEQ -> Matcher.Type.NEQ;
          case EQL_REGEX -> Matcher.Type.RE;
          case NEQ_REGEX -> Matcher.Type.NRE;
          default -> throw unexpected(op, "label matching", "label matching operator");
        };
        Token value = next();
        if (!value.is(Kind.STRING)) {
          throw unexpected(value, "label matching", "string");
        }
        if (name != null && label.text().equals(Labels.METRIC_NAME)) {
          throw error(label, "metric name must not be set twice: \"" + name + "\" or \"" + value.text() + "\"");
        }
        try {
          matchers.add(Matcher.of(type, label.text(), value.text()));
        } catch (PatternSyntaxException e) {
          throw error(value, "invalid regular expression " + StringLiteral.quote(value.text()) + ": " + e.getDescription());
        }
        if (peek().is(Kind.COMMA)) {
          i++;
        } else if (!peek().is(Kind.RBRACE)) {
          throw unexpected(peek(), "label matching", "\",\" or \"}\"");
        }
      }
      i++;
    }
    boolean nonEmpty = matchers.stream().anyMatch(m -> !m.matchesEmpty());
    if (!nonEmpty) {
      throw error(start, "vector selector must contain at least one non-empty matcher");
    }
    return new VectorSelector(name, matchers, 0);
  }

  // ---- aggregations and calls ----

  private Expr aggregate(AggregateOp op, Token start) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean hasGrouping = false;
    if (peek().isWord("by") || peek().isWord("without")) {
      without = next().isWord("without");
      grouping = groupingLabels();
      hasGrouping = true;
    }
    if (!peek().is(Kind.LPAREN)) {
      throw unexpected(peek(), "aggregation", "\"(\"");
    }
    List<Integer> argPos = new ArrayList<>();
    List<Expr> args = arguments(argPos);
    if (!hasGrouping && (peek().isWord("by") || peek().isWord("without"))) {
      without = next().isWord("without");
      grouping = groupingLabels();
      hasGrouping = true;
    }
    int want = op.paramType() == null ? 1 : 2;
    if (args.size() != want) {
      throw error(start, "wrong number of arguments for aggregate expression provided, expected " + want + ", got " + args.size());
    }
    Expr param = want == 2 ? args.get(0) : null;
    Expr inner = args.get(want - 1);
    if (param != null && param.type() != op.paramType()) {
      throw error(argPos.get(0), "expected type " + op.paramType() + " in aggregation parameter, got " + param.type());
    }
    if (inner.type() != ValueType.VECTOR) {
      throw error(argPos.get(want - 1), "expected type instant vector in aggregation expression, got " + inner.type());
    }
    return new AggregateExpr(op, param, inner, grouping, without, hasGrouping);
  }

  private Expr call(Token name) {
    FunctionSignature f = FunctionSignature.lookup(name.text());
    if (f == null) {
      throw error(name, "unknown function with name \"" + name.text() + "\"");
    }
    if (!f.supported()) {
      throw new UnsupportedFeatureException(query, name.pos(), "function " + f.name());
    }
    List<Integer> argPos = new ArrayList<>();
    List<Expr> args = arguments(argPos);
    int declared = f.argTypes().size();
    if (f.variadic() == 0) {
      if (declared != args.size()) {
        throw error(name, "expected " + declared + " argument(s) in call to \"" + f.name() + "\", got " + args.size());
      }
    } else {
      int min = declared - 1;
      if (min > args.size()) {
        throw error(name, "expected at least " + min + " argument(s) in call to \"" + f.name() + "\", got " + args.size());
      }
      if (f.variadic() > 0 && min + f.variadic() < args.size()) {
        throw error(name, "expected at most " + (min + f.variadic()) + " argument(s) in call to \"" + f.name() + "\", got " + args.size());
      }
    }
    for (int a = 0; a < args.size(); a++) {
      ValueType want = f.argTypes().get(Math.min(a, declared - 1));
      if (args.get(a).type() != want) {
        throw error(argPos.get(a), "expected type " + want + " in call to function \"" + f.name() + "\", got " + args.get(a).type());
      }
    }
    return new Call(f, args);
  }

  /** Parses {@code (expr, ...)}; adds each argument's start offset to {@code positions}. */
  private List<Expr> arguments(List<Integer> positions) {
    expect(Kind.LPAREN, "argument list");
    List<Expr> args = new ArrayList<>();
    if (peek().is(Kind.RPAREN)) {
      i++;
      return args;
    }
    while (true) {
      positions.add(peek().pos());
      args.add(expr(0));
      Token t = next();
      if (t.is(Kind.RPAREN)) {
        return args;
      }
      if (!t.is(Kind.COMMA)) {
        throw unexpected(t, "argument list", "\",\" or \")\"");
      }
    }
  }

  private List<String> groupingLabels() {
    if (!peek().is(Kind.LPAREN)) {
      throw unexpected(peek(), "grouping opts", "\"(\"");
    }
    i++;
    List<String> labels = new ArrayList<>();
    while (!peek().is(Kind.RPAREN)) {
      Token l = next();
      if (!l.is(Kind.IDENT)) {
        throw unexpected(l, "grouping opts", "label");
      }
      labels.add(l.text());
      if (peek().is(Kind.COMMA)) {
        i++;
      } else if (!peek().is(Kind.RPAREN)) {
        throw unexpected(peek(), "grouping opts", "\",\" or \")\"");
      }
    }
    i++;
    return labels;
  }

  // ---- tokens and values ----

  private static BinaryOp binaryOp(Token t) {
    return switch (t.kind()) {
      case ADD -> BinaryOp.ADD;
      case SUB -> BinaryOp.SUB;
      case MUL -> BinaryOp.MUL;
      case DIV -> BinaryOp.DIV;
      case MOD -> BinaryOp.MOD;
      case POW -> BinaryOp.POW;
      case EQL -> BinaryOp.EQL;
      case NEQ -> BinaryOp.NEQ;
      case LSS -> BinaryOp.LSS;
      case GTR -> BinaryOp.GTR;
      case LTE -> BinaryOp.LTE;
      case GTE -> BinaryOp.GTE;
      case IDENT -> switch (t.text().toLowerCase(Locale.ROOT)) {
        case "and" -> BinaryOp.AND;
        case "or" -> BinaryOp.OR;
        case "unless" -> BinaryOp.UNLESS;
        case "atan2" -> BinaryOp.ATAN2;
        default -> null;
      };
      default -> null;
    };
  }

  private double number(Token t) {
    String s = t.text();
    String lower = s.toLowerCase(Locale.ROOT);
    try {
      if (lower.startsWith("0x")) {
        return Long.parseLong(s.substring(2), 16);
      }
      if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(c -> c >= '0' && c <= '7')) {
        return Long.parseLong(s, 8); // Go's ParseInt with base 0, as Prometheus uses
      }
      if (lower.equals("inf")) {
        return Double.POSITIVE_INFINITY;
      }
      if (lower.equals("nan")) {
        return Double.NaN;
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(t, "error parsing number: " + s);
    }
  }

  private long duration(Token d) {
    try {
      long ms = Durations.parse(d.text());
      if (d.is(Kind.DURATION) && ms == 0) {
        throw error(d, "duration must be greater than 0");
      }
      return ms;
    } catch (IllegalArgumentException e) {
      throw error(d, e.getMessage());
    }
  }

  private Token peek() {
    Token t = tokens.get(i);
    if (t.is(Kind.ERROR)) {
      throw new PromQLException(query, t.pos(), t.text());
    }
    return t;
  }

  private Token next() {
    Token t = peek();
    if (!t.is(Kind.EOF)) {
      i++;
    }
    return t;
  }

  private void expect(Kind k, String context) {
    Token t = next();
    if (!t.is(k)) {
      throw unexpected(t, context, null);
    }
  }

  private PromQLException unexpected(Token t, String context, String expected) {
    StringBuilder sb = new StringBuilder("unexpected ").append(t.describe());
    if (context != null) {
      sb.append(" in ").append(context);
    }
    if (expected != null) {
      sb.append(", expected ").append(expected);
    }
    return new PromQLException(query, t.pos(), sb.toString());
  }

  private PromQLException error(Token t, String msg) {
    return new PromQLException(query, t.pos(), msg);
  }

  private PromQLException error(int pos, String msg) {
    return new PromQLException(query, pos, msg);
  }
}
