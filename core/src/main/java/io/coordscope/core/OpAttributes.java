package io.coordscope.core;

/** Span attributes of {@code @OpAttribute} parameters: {@code String.valueOf}, capped. */
public final class OpAttributes {

  /** Longest attribute value in chars; longer values are cut, not dropped. */
  public static final int MAX_LENGTH = 256;

  private OpAttributes() {}

  /** The attribute value for an argument ({@code "null"} for null). */
  public static String capture(Object arg) {
    return cap(String.valueOf(arg));
  }

  public static String cap(String s) {
    return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH);
  }
}
