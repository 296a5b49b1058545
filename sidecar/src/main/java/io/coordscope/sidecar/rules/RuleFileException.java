package io.coordscope.sidecar.rules;

import java.util.List;

/** Rule files that do not load; every error reads {@code file:line: message}. */
public final class RuleFileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  public RuleFileException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
