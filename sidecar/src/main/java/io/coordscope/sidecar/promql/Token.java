package io.coordscope.sidecar.promql;

/** One lexical token: its kind, its text (decoded for strings) and its 0-based start offset. */
record Token(Token.Kind kind, String text, int pos) {

  enum Kind {
    EOF, ERROR, IDENT, METRIC_IDENT, NUMBER, DURATION, STRING,
    LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, COLON, AT,
    ASSIGN, EQL, NEQ, EQL_REGEX, NEQ_REGEX, LSS, GTR, LTE, GTE, ADD, SUB, MUL, DIV, MOD, POW
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** A word token (identifier or keyword) equal to {@code word}, ignoring case as Prometheus does for keywords. */
  boolean isWord(String word) {
    return kind == Kind.IDENT && text.equalsIgnoreCase(word);
  }

  private static final java.util.Set<String> KEYWORDS =
      java.util.Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset");
  private static final java.util.Set<String> WORD_OPERATORS = java.util.Set.of("and", "or", "unless", "atan2");

  /** How Prometheus names the token in "unexpected ..." messages. */
  String describe() {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    if (kind == Kind.IDENT && KEYWORDS.contains(lower)) {
      return "<" + lower + ">";
    }
    if (kind == Kind.IDENT && WORD_OPERATORS.contains(lower)) {
      return "<op:" + lower + ">";
    }
    if (kind == Kind.IDENT && io.coordscope.sidecar.promql.ast.AggregateOp.byKeyword(lower) != null) {
      return "<aggr:" + lower + ">";
    }
    return switch (kind) {
      case EOF -> "end of input";
      case ERROR -> text;
      case IDENT -> "identifier \"" + text + "\"";
      case METRIC_IDENT -> "metric identifier \"" + text + "\"";
      case ADD, SUB, MUL, DIV, MOD, POW, EQL, NEQ, LSS, GTR, LTE, GTE, EQL_REGEX, NEQ_REGEX, ASSIGN -> "<op:" + text + ">";
      case NUMBER -> "number \"" + text + "\"";
      case DURATION -> "duration \"" + text + "\"";
      case STRING -> "string \"" + text + "\"";
      default -> "\"" + text + "\"";
    };
  }
}
