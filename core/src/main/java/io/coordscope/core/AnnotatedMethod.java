package io.coordscope.core;

import java.util.List;

/**
 * A selected method as a reader sees it: its names, its declared annotations (and its
 * parameters'), and its erased return type. An adapter per source (Byte Buddy's method
 * description, a reflected {@code Method}) answers; {@link SpecReading} decides.
 */
public abstract class AnnotatedMethod {

  private final String typeSimpleName;
  private final String typeName;
  private final String methodName;

  /**
   * @param typeSimpleName the simple name of the instrumented type (empty for an anonymous class)
   * @param typeName the binary name of the instrumented type
   * @param methodName the method's name
   */
  protected AnnotatedMethod(String typeSimpleName, String typeName, String methodName) {
    this.typeSimpleName = typeSimpleName;
    this.typeName = typeName;
    this.methodName = methodName;
  }

  /** The simple name of the instrumented type (empty for an anonymous class). */
  public final String typeSimpleName() {
    return typeSimpleName;
  }

  /** The binary name of the instrumented type. */
  public final String typeName() {
    return typeName;
  }

  /** The method's name. */
  public final String methodName() {
    return methodName;
  }

  /** The annotations declared on the method, in declaration order. */
  public abstract List<? extends AnnotationValues> annotations();

  /** The number of parameters. */
  public abstract int parameterCount();

  /** The annotations declared on parameter {@code index} (0-based). */
  public abstract List<? extends AnnotationValues> parameterAnnotations(int index);

  /** The binary name of the erased return type ({@code int}, {@code void}, {@code java.util.Optional}, …). */
  public abstract String returnTypeName();

  /**
   * True when the return type is a reference type assignable to {@code CompletionStage}; false
   * when it is primitive, is not, or its hierarchy cannot be resolved.
   */
  public abstract boolean returnsCompletionStage();
}
