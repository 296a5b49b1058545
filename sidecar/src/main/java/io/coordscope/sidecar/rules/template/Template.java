package io.coordscope.sidecar.rules.template;

import io.coordscope.sidecar.rules.template.Node.Command;
import io.coordscope.sidecar.rules.template.Node.Operand;
import io.coordscope.sidecar.rules.template.Node.Pipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed Go-text/template-like template. Values are {@code String}, {@code Double},
 * {@code Boolean} or {@code Map<String, ?>}; a missing map key is the empty string, as with
 * Prometheus's {@code missingkey=zero}. Output is capped so a template cannot grow without bound.
 */
public final class Template {

  /** Bound on the expanded text of one template. */
  static final int MAX_OUTPUT = 64 * 1024;

  private final String name;
  private final String src;
  private final int firstLineOffset;
  private final List<Node> nodes;

  private Template(String name, String src, int firstLineOffset, List<Node> nodes) {
    this.name = name;
    this.src = src;
    this.firstLineOffset = firstLineOffset;
    this.nodes = nodes;
  }

  /** Parses {@code text}; {@code name} appears in error messages, as Go's template name does. */
  public static Template parse(String name, String text) throws TemplateException {
    return parse(name, text, 0);
  }

  /**
   * Like {@link #parse(String, String)}, for text that Prometheus prefixes with definitions on its
   * first line: execution errors then report the columns Prometheus reports.
   */
  public static Template parse(String name, String text, int firstLineOffset) throws TemplateException {
    return new Template(name, text, firstLineOffset, new TemplateParser(name, text).parse());
  }

  /** Executes with the given variables ({@code $labels} is key {@code "labels"}) and dot value. */
  public String execute(Map<String, Object> variables, Object dot) throws TemplateException {
    StringBuilder out = new StringBuilder();
    Map<String, Object> vars = new HashMap<>(variables);
    vars.put("", dot);
    run(nodes, vars, dot, out);
    return out.toString();
  }

  private void run(List<Node> list, Map<String, Object> vars, Object dot, StringBuilder out) throws TemplateException {
    for (Node n : list) {
      if (n instanceof Node.Text t) {
        out.append(t.text());
      } else if (n instanceof Node.Action a) {
        Object v = eval(a.pipeline(), vars, dot);
        if (a.pipeline().declare() == null) {
          out.append(TemplateFunctions.print(v));
        }
      } else if (n instanceof Node.If f) {
        run(TemplateFunctions.truth(eval(f.condition(), vars, dot)) ? f.then() : f.otherwise(), vars, dot, out);
      }
      if (out.length() > MAX_OUTPUT) {
        throw new TemplateException("template: " + name + ": output longer than " + MAX_OUTPUT + " characters");
      }
    }
  }

  private Object eval(Pipeline p, Map<String, Object> vars, Object dot) throws TemplateException {
    Object value = null;
    boolean piped = false;
    for (Command c : p.commands()) {
      value = command(c, vars, dot, piped, value);
      piped = true;
    }
    if (p.declare() != null) {
      vars.put(p.declare(), value);
    }
    return value;
  }

  private Object command(Command c, Map<String, Object> vars, Object dot, boolean piped, Object in) throws TemplateException {
    List<Operand> ops = c.operands();
    if (ops.get(0) instanceof Node.Function f) {
      List<Object> args = new ArrayList<>();
      for (Operand o : ops.subList(1, ops.size())) {
        args.add(operand(o, vars, dot));
      }
      if (piped) {
        args.add(in);
      }
      try {
        return TemplateFunctions.call(f.name(), args);
      } catch (IllegalArgumentException e) {
        throw new TemplateException("template: " + name + ":" + location(c.pos()) + ": executing \"" + name + "\" at <"
            + c.text() + ">: error calling " + f.name() + ": " + e.getMessage());
      }
    }
    if (ops.size() > 1 || piped) {
      throw new TemplateException("template: " + name + ": can't give argument to non-function");
    }
    return operand(ops.get(0), vars, dot);
  }

  private Object operand(Operand o, Map<String, Object> vars, Object dot) throws TemplateException {
    if (o instanceof Node.Literal l) {
      return l.value();
    }
    if (o instanceof Node.Function f) {
      try {
        return TemplateFunctions.call(f.name(), List.of());
      } catch (IllegalArgumentException e) {
        throw new TemplateException("template: " + name + ": error calling " + f.name() + ": " + e.getMessage());
      }
    }
    if (o instanceof Node.Sub s) {
      return eval(s.pipeline(), vars, dot);
    }
    if (o instanceof Node.Dot d) {
      return fields(dot, d.fields());
    }
    Node.Variable v = (Node.Variable) o;
    if (!vars.containsKey(v.name())) {
      throw new TemplateException("template: " + name + ": undefined variable: $" + v.name());
    }
    return fields(vars.get(v.name()), v.fields());
  }

  private Object fields(Object v, List<String> fields) throws TemplateException {
    for (String f : fields) {
      if (v instanceof Map<?, ?> m) {
        Object next = m.get(f);
        v = next == null ? "" : next;
      } else {
        throw new TemplateException("template: " + name + ": can't evaluate field " + f + " in type " + TemplateFunctions.typeName(v));
      }
    }
    return v;
  }

  /** {@code line:column} as Go's ErrorContext: 0-based column, shifted on the first line by the prefix. */
  private String location(int pos) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < pos && i < src.length(); i++) {
      if (src.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return line + ":" + (line == 1 ? pos + firstLineOffset : pos - lineStart);
  }

  /** Convenience for tests and callers with plain maps: a sorted copy so printing is stable. */
  public static Map<String, Object> sorted(Map<String, ?> m) {
    return new TreeMap<>(m);
  }
}
