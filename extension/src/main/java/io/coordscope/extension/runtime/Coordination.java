package io.coordscope.extension.runtime;

/**
 * What the advice calls: static, and never throws into the application (everything is caught
 * here as well as suppressed by the advice).
 */
public final class Coordination {

  private Coordination() {}

  /**
   * An operation method was entered.
   *
   * @param type the declaring class
   * @param method name and JVM descriptor, e.g. {@code claim(Ljava/lang/String;)Ljava/lang/String;}
   * @param args the arguments, only for methods with {@code @OpAttribute} parameters, else null
   * @return an opaque scope for {@link #exit}, or null
   */
  public static Object enter(Class<?> type, String method, Object[] args) {
    try {
      return ExtensionTelemetry.get().enter(type, method, args);
    } catch (Throwable t) {
      return null;
    }
  }

  /** The method returned {@code returned} or threw {@code thrown}; a returned CompletionStage ends the operation later. */
  public static void exit(Object scope, Object returned, Throwable thrown) {
    try {
      if (scope != null) {
        ExtensionTelemetry.get().exit(scope, returned, thrown);
      }
    } catch (Throwable t) {
      // never into the application
    }
  }

  /** A KPI method returned {@code value} (boxed primitive, Number, Optional*, or anything else). */
  public static void kpi(Class<?> type, String method, Object value) {
    try {
      ExtensionTelemetry.get().kpi(type, method, value);
    } catch (Throwable t) {
      // never into the application
    }
  }
}
