package io.coordscope.sidecar.rules.template;

import io.coordscope.sidecar.rules.template.Node.Command;
import io.coordscope.sidecar.rules.template.Node.Operand;
import io.coordscope.sidecar.rules.template.Node.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the subset of Go's text/template that alert templates use: text, {@code {{ pipeline }}}
 * with variables, fields, literals, functions, pipes and parentheses, {@code $x := ...},
 * {@code if}/{@code else if}/{@code else}/{@code end}, comments and {@code {{-}}/{@code -}}}
 * trimming. {@code range}, {@code with}, {@code define} and {@code template} are refused by name.
 */
final class TemplateParser {

  private final String name;
  private final String src;
  private int pos;
  /** The action being parsed, split into words, with their source offsets and text. */
  private List<String> words;
  private final List<Integer> offsets = new ArrayList<>();
  private final List<String> raw = new ArrayList<>();
  private int wi;
  private int actionLine;
  /** Nesting of if-blocks and parentheses; bounded so a hostile template cannot exhaust the stack. */
  private int depth;
  static final int MAX_DEPTH = 100;

  TemplateParser(String name, String src) {
    this.name = name;
    this.src = src;
  }

  List<Node> parse() throws TemplateException {
    List<Node> nodes = new ArrayList<>();
    String end = parseList(nodes);
    if (end != null) {
      throw error("unexpected {{" + end + "}}");
    }
    return nodes;
  }

  /** Parses until EOF (returns null) or a keyword {@code else}/{@code end} (returned, with its words left for the caller). */
  private String parseList(List<Node> out) throws TemplateException {
    while (pos < src.length()) {
      int open = src.indexOf("{{", pos);
      String text = open < 0 ? src.substring(pos) : src.substring(pos, open);
      if (open < 0) {
        pos = src.length();
        if (!text.isEmpty()) {
          out.add(new Node.Text(text));
        }
        return null;
      }
      int contentStart = open + 2;
      if (src.startsWith("- ", contentStart) || src.startsWith("-\t", contentStart) || src.startsWith("-\n", contentStart)) {
        text = text.stripTrailing();
        contentStart += 2;
      }
      if (!text.isEmpty()) {
        out.add(new Node.Text(text));
      }
      actionLine = line(open);
      int close = src.indexOf("}}", contentStart);
      if (close < 0) {
        throw error("unclosed action");
      }
      int contentEnd = close;
      pos = close + 2;
      if (contentEnd > contentStart && src.charAt(contentEnd - 1) == '-' && contentEnd - 2 >= contentStart
          && Character.isWhitespace(src.charAt(contentEnd - 2))) {
        contentEnd -= 1;
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
          pos++;
        }
      }
      String unstripped = src.substring(contentStart, contentEnd);
      String content = unstripped.strip();
      int contentBase = contentStart + (unstripped.length() - unstripped.stripLeading().length());
      if (content.startsWith("/*")) {
        if (!content.endsWith("*/")) {
          throw error("unclosed comment");
        }
        continue;
      }
      offsets.clear();
      raw.clear();
      words = ActionLexer.split(content, this::error, offsets, raw);
      offsets.replaceAll(o -> o + contentBase);
      wi = 0;
      if (words.isEmpty()) {
        throw error("missing value for command");
      }
      String first = words.get(0);
      switch (first) {
        case "end", "else" -> {
          return first;
        }
        case "if" -> out.add(parseIf(1));
        case "range", "with", "define", "template", "block", "break", "continue" ->
            throw error("{{" + first + "}} is not supported in coordscope alert templates");
        default -> out.add(new Node.Action(parsePipeline(false)));
      }
    }
    return null;
  }

  private Node parseIf(int conditionStart) throws TemplateException {
    enter();
    try {
      return parseIfBody(conditionStart);
    } finally {
      depth--;
    }
  }

  private void enter() throws TemplateException {
    if (++depth > MAX_DEPTH) {
      depth--;
      throw error("nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private Node parseIfBody(int conditionStart) throws TemplateException {
    wi = conditionStart;
    Pipeline cond = parsePipeline(false);
    List<Node> then = new ArrayList<>();
    String end = parseList(then);
    List<Node> otherwise = new ArrayList<>();
    if ("else".equals(end)) {
      if (words.size() > 1 && words.get(1).equals("if")) {
        otherwise.add(parseIf(2));
        return new Node.If(cond, then, otherwise);
      }
      if (words.size() > 1) {
        throw error("unexpected " + words.get(1) + " in else");
      }
      end = parseList(otherwise);
    }
    if (!"end".equals(end)) {
      throw error("unexpected EOF");
    }
    if (words.size() > 1) {
      throw error("unexpected " + words.get(1) + " in end");
    }
    return new Node.If(cond, then, otherwise);
  }

  private Pipeline parsePipeline(boolean inParens) throws TemplateException {
    String declare = null;
    if (wi + 1 < words.size() && words.get(wi).startsWith("$") && (words.get(wi + 1).equals(":=") || words.get(wi + 1).equals("="))) {
      declare = words.get(wi).substring(1);
      wi += 2;
    }
    List<Command> commands = new ArrayList<>();
    List<Operand> operands = new ArrayList<>();
    int commandStart = wi;
    StringBuilder text = new StringBuilder();
    while (wi < words.size()) {
      if (operands.isEmpty()) {
        commandStart = wi;
      }
      String w = words.get(wi++);
      if (w.equals(")")) {
        if (!inParens) {
          throw error("unexpected right paren");
        }
        wi--;
        break;
      }
      if (w.equals("|")) {
        if (operands.isEmpty()) {
          throw error("missing command");
        }
        commands.add(new Command(operands, offsets.get(commandStart), text.toString()));
        operands = new ArrayList<>();
        text.setLength(0);
        continue;
      }
      if (w.equals("(")) {
        enter();
        Pipeline sub;
        try {
          sub = parsePipeline(true);
        } finally {
          depth--;
        }
        if (wi >= words.size() || !words.get(wi).equals(")")) {
          throw error("unclosed left paren");
        }
        wi++;
        operands.add(new Node.Sub(sub));
        text.append(text.length() > 0 ? " " : "").append('(').append(pipelineText(sub)).append(')');
        continue;
      }
      operands.add(operand(w));
      text.append(text.length() > 0 ? " " : "").append(raw.get(wi - 1));
    }
    if (operands.isEmpty()) {
      throw error("missing value for command");
    }
    commands.add(new Command(operands, offsets.get(commandStart), text.toString()));
    return new Pipeline(declare, commands);
  }

  private static String pipelineText(Pipeline p) {
    StringBuilder sb = new StringBuilder(p.declare() == null ? "" : "$" + p.declare() + " := ");
    for (int i = 0; i < p.commands().size(); i++) {
      sb.append(i > 0 ? " | " : "").append(p.commands().get(i).text());
    }
    return sb.toString();
  }

  private Operand operand(String w) throws TemplateException {
    char c = w.charAt(0);
    if (c == '"' || c == '`') {
      return new Node.Literal(w.substring(1, w.length() - 1));
    }
    if (c == '$') {
      List<String> parts = List.of(w.split("\\.", -1));
      return new Node.Variable(parts.get(0).substring(1), parts.subList(1, parts.size()));
    }
    if (c == '.') {
      List<String> parts = w.equals(".") ? List.of() : List.of(w.substring(1).split("\\.", -1));
      return new Node.Dot(parts);
    }
    if (Character.isDigit(c) || c == '-' || c == '+') {
      try {
        return new Node.Literal(Double.parseDouble(w));
      } catch (NumberFormatException e) {
        throw error("bad number syntax: \"" + w + "\"");
      }
    }
    if (w.equals("true") || w.equals("false")) {
      return new Node.Literal(Boolean.valueOf(w));
    }
    if (w.equals(":=") || w.equals("=")) {
      throw error("unexpected \"" + w + "\" in operand");
    }
    if (!TemplateFunctions.exists(w)) {
      String why = TemplateFunctions.unsupportedPrometheusFunction(w)
          ? " (a Prometheus template function coordscope does not support)"
          : "";
      throw error("function \"" + w + "\" not defined" + why);
    }
    return new Node.Function(w);
  }

  private int line(int offset) {
    int n = 1;
    for (int i = 0; i < offset && i < src.length(); i++) {
      if (src.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  TemplateException error(String msg) {
    return new TemplateException("template: " + name + ":" + actionLine + ": " + msg);
  }
}
