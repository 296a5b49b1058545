package io.coordscope.sidecar.promql;

import io.coordscope.sidecar.promql.Token.Kind;
import io.coordscope.sidecar.promql.ast.AggregateExpr;
import io.coordscope.sidecar.promql.ast.AggregateOp;
import io.coordscope.sidecar.promql.ast.BinaryExpr;
import io.coordscope.sidecar.promql.ast.BinaryOp;
import io.coordscope.sidecar.promql.ast.Call;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.promql.ast.MatrixSelector;
import io.coordscope.sidecar.promql.ast.NumberLiteral;
import io.coordscope.sidecar.promql.ast.ParenExpr;
import io.coordscope.sidecar.promql.ast.StringLiteral;
import io.coordscope.sidecar.promql.ast.UnaryExpr;
import io.coordscope.sidecar.promql.ast.ValueType;
import io.coordscope.sidecar.promql.ast.VectorMatching;
import io.coordscope.sidecar.promql.ast.VectorMatching.Cardinality;
import io.coordscope.sidecar.promql.ast.VectorSelector;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Recursive-descent / precedence-climbing PromQL parser with Prometheus's type checks. */
final class Parser {

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset");

  /** Deepest nesting accepted, so a hostile query cannot overflow the stack of parser or evaluator. */
  static final int MAX_DEPTH = 200;
  /**
   * Tallest expression tree accepted: every operator, function call, aggregation and parenthesis
   * is a level, so a flat chain {@code a or a or ...} counts one level per operator (it is a
   * left-deep tree the evaluator recurses through), not just the parentheses.
   */
  static final int MAX_HEIGHT = 1000;
  /** Longest query accepted, in characters. */
  static final int MAX_LENGTH = 64 * 1024;

  private final TokenStream ts;
  private final TermParser terms;
  private int depth;
  /** Tree heights of the sub-expressions built so far (identity: equal sub-trees may sit at different heights). */
  private final Map<Expr, Integer> heights = new IdentityHashMap<>();

  private Parser(TokenStream ts) {
    this.ts = ts;
    this.terms = new TermParser(ts, this);
  }

  static Expr parse(String query) {
    if (query.length() > MAX_LENGTH) {
      throw new PromQLException(query, 0, "query is " + query.length() + " characters long, the limit is " + MAX_LENGTH);
    }
    Parser p = new Parser(new TokenStream(query));
    if (p.ts.peek().is(Kind.EOF)) {
      throw new PromQLException(query, 0, "no expression found in input");
    }
    Expr e = p.expr(0);
    if (!p.ts.peek().is(Kind.EOF)) {
      throw p.ts.unexpected(p.ts.peek(), null, null);
    }
    return e;
  }

  // ---- expressions ----

  Expr expr(int minPrec) {
    if (++depth > MAX_DEPTH) {
      throw ts.error(ts.peek(), "expression nested deeper than " + MAX_DEPTH + " levels");
    }
    try {
      Expr e = binaryChain(minPrec);
      checkHeight(e, ts.peek().pos());
      return e;
    } finally {
      depth--;
    }
  }

  private Expr binaryChain(int minPrec) {
    int lhsStart = ts.peek().pos();
    Expr lhs = unary();
    while (true) {
      Token opTok = ts.peek();
      BinaryOp op = binaryOp(opTok);
      if (op == null || op.precedence() < minPrec) {
        return lhs;
      }
      ts.skip();
      boolean returnBool = false;
      if (ts.peek().isWord("bool")) {
        ts.skip();
        returnBool = true;
      }
      VectorMatching matching = VectorMatching.defaults(op);
      boolean explicit = false;
      if (ts.peek().isWord("on") || ts.peek().isWord("ignoring")) {
        boolean on = ts.next().isWord("on");
        List<String> labels = terms.groupingLabels();
        Cardinality card = op.isSetOperator() ? Cardinality.MANY_TO_MANY : Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        if (ts.peek().isWord("group_left") || ts.peek().isWord("group_right")) {
          card = ts.next().isWord("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
          include = ts.peek().is(Kind.LPAREN) ? terms.groupingLabels() : List.of();
        }
        matching = new VectorMatching(card, on, labels, include);
        explicit = true;
      }
      int rhsStart = ts.peek().pos();
      Expr rhs = expr(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
      checkHeight(lhs, opTok.pos()); // before binary(): its type checks recurse through lhs
      lhs = binary(new int[] {lhsStart, opTok.pos(), rhsStart}, op, lhs, rhs, returnBool, matching, explicit);
    }
  }

  /** Records {@code e}'s tree height from its children's; rejects it above {@link #MAX_HEIGHT}. */
  private void checkHeight(Expr e, int pos) {
    int h = 1;
    if (e instanceof BinaryExpr b) {
      h += Math.max(height(b.lhs()), height(b.rhs()));
    } else if (e instanceof UnaryExpr u) {
      h += height(u.expr());
    } else if (e instanceof ParenExpr p) {
      h += height(p.expr());
    } else if (e instanceof Call c) {
      h += c.args().stream().mapToInt(this::height).max().orElse(0);
    } else if (e instanceof AggregateExpr a) {
      h += Math.max(height(a.expr()), a.param() == null ? 0 : height(a.param()));
    }
    if (h > MAX_HEIGHT) {
      throw ts.error(pos, "expression too large: more than " + MAX_HEIGHT
          + " nested operators, function calls or aggregations (each operator of a chain like \"a or b or c\" nests one level)");
    }
    heights.put(e, h);
  }

  private int height(Expr e) {
    Integer h = heights.get(e);
    if (h == null) {
      checkHeight(e, ts.peek().pos()); // built outside expr(): its children are registered
      h = heights.get(e);
    }
    return h;
  }

  /** Builds and type-checks a binary expression; {@code pos} = start of lhs, operator, rhs (Prometheus's error positions). */
  private Expr binary(int[] pos, BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching, boolean explicit) {
    ValueType lt = lhs.type();
    ValueType rt = rhs.type();
    if (returnBool && !op.isComparison()) {
      throw ts.error(pos[1], "bool modifier can only be used on comparison operators");
    }
    if (op.isComparison() && lt == ValueType.SCALAR && rt == ValueType.SCALAR && !returnBool) {
      throw ts.error(pos[1], "comparisons between scalars must use BOOL modifier");
    }
    if (matching.on()) {
      for (String l : matching.include()) {
        if (matching.matchingLabels().contains(l)) {
          throw ts.error(pos[1], "label \"" + l + "\" must not occur in ON and GROUP clause at once");
        }
      }
    }
    if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
      throw ts.error(pos[0], "binary expression must contain only scalar and instant vector types");
    }
    if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
      throw ts.error(pos[2], "binary expression must contain only scalar and instant vector types");
    }
    boolean bothVectors = lt == ValueType.VECTOR && rt == ValueType.VECTOR;
    if (!bothVectors && explicit && !matching.matchingLabels().isEmpty()) {
      throw ts.error(pos[0], "vector matching only allowed between instant vectors");
    }
    if (bothVectors && op.isSetOperator() && matching.card() != Cardinality.MANY_TO_MANY) {
      throw ts.error(pos[0], "no grouping allowed for \"" + op.symbol() + "\" operation");
    }
    if (op.isSetOperator() && !bothVectors) {
      throw ts.error(pos[0], "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
    }
    return new BinaryExpr(op, lhs, rhs, returnBool, bothVectors ? matching : null, explicit && bothVectors);
  }

  private Expr unary() {
    Token t = ts.peek();
    if (t.is(Kind.ADD) || t.is(Kind.SUB)) {
      ts.skip();
      Expr operand = expr(BinaryOp.POW.precedence());
      if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
        throw ts.error(t, "unary expression only allowed on expressions of type scalar or instant vector, got \"" + operand.type() + "\"");
      }
      if (operand instanceof NumberLiteral n) {
        return t.is(Kind.SUB) ? new NumberLiteral(-n.value()) : n;
      }
      return new UnaryExpr(t.is(Kind.SUB), operand);
    }
    return postfix(primary(), t.pos());
  }

  private Expr primary() {
    Token t = ts.next();
    switch (t.kind()) {
      case NUMBER:
        return new NumberLiteral(ts.number(t));
      case STRING:
        return new StringLiteral(t.text());
      case LPAREN: {
        Expr inner = expr(0);
        ts.expect(Kind.RPAREN, "paren expression");
        return new ParenExpr(inner);
      }
      case LBRACE:
        ts.back();
        return terms.selector(null, t);
      case METRIC_IDENT:
        return terms.selector(t.text(), t);
      case IDENT: {
        String lower = t.text().toLowerCase(Locale.ROOT);
        AggregateOp agg = AggregateOp.byKeyword(lower);
        if (agg != null) {
          return terms.aggregate(agg, t);
        }
        if (KEYWORDS.contains(lower)) {
          throw ts.unexpected(t, null, null);
        }
        if (ts.peek().is(Kind.LPAREN)) {
          return terms.call(t);
        }
        return terms.selector(t.text(), t);
      }
      case AT:
        throw new UnsupportedFeatureException(ts.query, t.pos(), "@ modifier");
      default:
        throw ts.unexpected(t, null, null);
    }
  }

  private Expr postfix(Expr e, int start) {
    while (true) {
      Token t = ts.peek();
      if (t.is(Kind.LBRACKET)) {
        ts.skip();
        Token d = ts.next();
        if (d.is(Kind.COLON)) {
          throw new UnsupportedFeatureException(ts.query, t.pos(), "subquery");
        }
        if (!d.is(Kind.DURATION) && !d.is(Kind.NUMBER)) {
          throw ts.unexpected(d, "range", "duration");
        }
        long range = ts.duration(d);
        if (ts.peek().is(Kind.COLON)) {
          throw new UnsupportedFeatureException(ts.query, t.pos(), "subquery");
        }
        ts.expect(Kind.RBRACKET, "range");
        if (!(e instanceof VectorSelector vs)) {
          throw ts.error(start, "ranges only allowed for vector selectors");
        }
        if (vs.offsetMillis() != 0) {
          throw ts.error(start, "no offset modifiers allowed before range");
        }
        e = new MatrixSelector(vs, range);
      } else if (t.isWord("offset")) {
        ts.skip();
        boolean neg = false;
        if (ts.peek().is(Kind.SUB) || ts.peek().is(Kind.ADD)) {
          neg = ts.next().is(Kind.SUB);
        }
        Token d = ts.next();
        if (!d.is(Kind.DURATION)) {
          throw ts.unexpected(d, "offset", "duration");
        }
        long off = ts.duration(d) * (neg ? -1 : 1);
        if (e instanceof VectorSelector vs) {
          if (vs.offsetMillis() != 0) {
            throw ts.error(start, "offset may not be set multiple times");
          }
          e = vs.withOffset(off);
        } else if (e instanceof MatrixSelector ms) {
          if (ms.selector().offsetMillis() != 0) {
            throw ts.error(start, "offset may not be set multiple times");
          }
          e = new MatrixSelector(ms.selector().withOffset(off), ms.rangeMillis());
        } else {
          throw ts.error(start, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        }
      } else if (t.is(Kind.AT)) {
        throw new UnsupportedFeatureException(ts.query, t.pos(), "@ modifier");
      } else {
        return e;
      }
    }
  }

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

}
