package io.coordscope.sidecar.promql;

/** One lexical token: its kind, its text (decoded for strings) and its 0-based start offset. */
record Token(Token.Kind kind, String text, int pos) {

  enum Kind {
    EOF, IDENT, METRIC_IDENT, NUMBER, DURATION, STRING,
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

  String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case IDENT, METRIC_IDENT -> "identifier \"" + text + "\"";
      case NUMBER -> "number \"" + text + "\"";
      case DURATION -> "duration \"" + text + "\"";
      case STRING -> "string \"" + text + "\"";
      default -> "\"" + text + "\"";
    };
  }
}
