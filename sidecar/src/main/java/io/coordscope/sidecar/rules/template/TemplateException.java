package io.coordscope.sidecar.rules.template;

/** A template that does not parse, or fails while it is executed; the message reads like Go's. */
public final class TemplateException extends Exception {

  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }
}
