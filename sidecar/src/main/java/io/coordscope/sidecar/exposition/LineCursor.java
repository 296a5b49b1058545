package io.coordscope.sidecar.exposition;

import io.coordscope.sidecar.model.Labels;
import java.util.HashSet;
import java.util.Set;

/** A position in one decoded line, with the token readers both formats share. */
final class LineCursor {

  private final String s;
  private final int lineNo;
  private final ParserLimits limits;
  private int pos;

  LineCursor(String line, int lineNo, ParserLimits limits) {
    this.s = line;
    this.lineNo = lineNo;
    this.limits = limits;
  }

  ExpositionException error(String reason) {
    return new ExpositionException(lineNo, reason);
  }

  boolean atEnd() {
    return pos >= s.length();
  }

  char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  int pos() {
    return pos;
  }

  String rest() {
    return s.substring(pos);
  }

  /** The line from its start up to {@code end} (exclusive). */
  String prefix(int end) {
    return end == s.length() ? s : s.substring(0, end);
  }

  void seek(int newPos) {
    pos = newPos;
  }

  /**
   * Where the label set starting at the cursor ends (just after its closing brace, quoted values
   * and their escapes skipped), without parsing or moving; the cursor position when no label set
   * starts here; -1 when the brace is never closed. The scrape cache's series text ends there.
   */
  int labelSetEnd() {
    if (pos >= s.length() || s.charAt(pos) != '{') {
      return pos;
    }
    boolean quoted = false;
    for (int i = pos + 1; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          quoted = false;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == '}') {
        return i + 1;
      }
    }
    return -1;
  }

  void expect(char c, String what) throws ExpositionException {
    if (peek() != c || atEnd()) {
      throw error("expected " + what + " at column " + (pos + 1) + ", found " + describe());
    }
    pos++;
  }

  boolean consume(char c) {
    if (!atEnd() && s.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  boolean consume(String prefix) {
    if (s.startsWith(prefix, pos)) {
      pos += prefix.length();
      return true;
    }
    return false;
  }

  /** Skips spaces and tabs (text format); returns how many were skipped. */
  int skipBlanks() {
    int start = pos;
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
      pos++;
    }
    return pos - start;
  }

  /** The characters up to the next space or tab (or the end). */
  String token() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
      pos++;
    }
    return s.substring(start, pos);
  }

  /** A metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  String metricName() throws ExpositionException {
    int start = pos;
    while (pos < s.length() && isNameChar(s.charAt(pos), pos == start, true)) {
      pos++;
    }
    if (pos == start) {
      throw error("expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) at column " + (pos + 1) + ", found " + describe());
    }
    return s.substring(start, pos);
  }

  /** A label name, {@code [a-zA-Z_][a-zA-Z0-9_]*}, within the configured length. */
  String labelName() throws ExpositionException {
    int start = pos;
    while (pos < s.length() && isNameChar(s.charAt(pos), pos == start, false)) {
      pos++;
    }
    if (pos == start) {
      throw error("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) at column " + (pos + 1) + ", found " + describe());
    }
    if (pos - start > limits.maxLabelNameLength()) {
      throw error("label name longer than " + limits.maxLabelNameLength() + " characters");
    }
    return s.substring(start, pos);
  }

  /**
   * A double-quoted label value. Both formats escape {@code \\}, {@code \"} and {@code \n}; a
   * backslash before any other character is kept as it is, as Prometheus's parsers do.
   */
  String quoted(int maxLength) throws ExpositionException {
    expect('"', "'\"' opening a label value");
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (atEnd()) {
        throw error("unterminated label value (missing closing '\"')");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (atEnd()) {
          throw error("unterminated label value (missing closing '\"')");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '\\' -> sb.append('\\');
          case '"' -> sb.append('"');
          case 'n' -> sb.append('\n');
          default -> sb.append('\\').append(e);
        }
      } else {
        sb.append(c);
      }
      if (sb.length() > maxLength) {
        throw error("label value longer than " + maxLength + " characters");
      }
    }
  }

  /**
   * A label set after its opening brace has been seen, into {@code b}. {@code textFormat} allows
   * blanks around items and a trailing comma; OpenMetrics allows neither. Returns the label count.
   */
  int labels(Labels.Builder b, boolean textFormat, Set<String> seenScratch) throws ExpositionException {
    expect('{', "'{'");
    seenScratch.clear();
    int count = 0;
    if (textFormat) {
      skipBlanks();
    }
    if (consume('}')) {
      return 0;
    }
    while (true) {
      String name = labelName();
      if (name.equals(Labels.METRIC_NAME)) {
        throw error("label name __name__ is reserved for the metric name");
      }
      if (textFormat) {
        skipBlanks();
      }
      expect('=', "'=' after label name " + name);
      if (textFormat) {
        skipBlanks();
      }
      String value = quoted(limits.maxLabelValueLength());
      if (!seenScratch.add(name)) {
        throw error("duplicate label name " + name);
      }
      if (++count > limits.maxLabelsPerSample()) {
        throw error("more than " + limits.maxLabelsPerSample() + " labels");
      }
      b.set(name, value);
      if (textFormat) {
        skipBlanks();
      }
      if (consume('}')) {
        return count;
      }
      expect(',', "',' or '}' after a label");
      if (textFormat) {
        skipBlanks();
        if (consume('}')) {
          return count;
        }
      }
    }
  }

  static Set<String> newScratch() {
    return new HashSet<>();
  }

  private String describe() {
    if (atEnd()) {
      return "end of line";
    }
    int cp = s.codePointAt(pos);
    return cp >= 0x20 && cp < 0x7f ? "'" + (char) cp + "'" : String.format("U+%04X", cp);
  }

  private static boolean isNameChar(char c, boolean first, boolean allowColon) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allowColon && c == ':')
        || (!first && c >= '0' && c <= '9');
  }
}
