package io.coordscope.sidecar.rules.template;

import java.util.List;

/** The parsed form of a template: text, actions that print a pipeline, and if/else blocks. */
sealed interface Node {

  record Text(String text) implements Node {}

  /** {@code {{ pipeline }}}: prints the value unless the pipeline declares a variable. */
  record Action(Pipeline pipeline) implements Node {}

  record If(Pipeline condition, List<Node> then, List<Node> otherwise) implements Node {}

  /** {@code [$x :=] command | command ...}. */
  record Pipeline(String declare, List<Command> commands) implements Node {}

  /**
   * @param pos offset of the command's first word in the template source
   * @param text the command as Go prints it in errors ({@code humanize $value})
   */
  record Command(List<Operand> operands, int pos, String text) {}

  /** One word of a command. */
  sealed interface Operand {}

  /** {@code $name.field.field}; {@code $} alone is the data root. */
  record Variable(String name, List<String> fields) implements Operand {}

  /** {@code .Field.field}; {@code .} alone is the current value. */
  record Dot(List<String> fields) implements Operand {}

  record Literal(Object value) implements Operand {}

  record Function(String name) implements Operand {}

  record Sub(Pipeline pipeline) implements Operand {}
}
