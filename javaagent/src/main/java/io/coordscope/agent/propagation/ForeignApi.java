package io.coordscope.agent.propagation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Method handles on an API the agent reaches only by name: classes of the application's loader (the
 * Servlet API) or relocated copies (the OpenTelemetry agent's API), which the agent's own classes
 * cannot name as types. Each handle is resolved once, with those types adapted to {@code Object},
 * and invoked exactly: no reflection and no argument arrays per call.
 */
public final class ForeignApi {

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();

  private ForeignApi() {}

  /** The class {@code name} of {@code loader} (null: the bootstrap class path), not initialised. */
  public static Class<?> load(ClassLoader loader, String name) throws ClassNotFoundException {
    return Class.forName(name, false, loader);
  }

  /**
   * A public instance method; the receiver and every parameter or result type outside {@code java.*}
   * become {@code Object}, JDK types and primitives stay.
   */
  public static MethodHandle virtual(Class<?> owner, String name, Class<?> returns, Class<?>... params)
      throws ReflectiveOperationException {
    MethodHandle h = LOOKUP.findVirtual(owner, name, MethodType.methodType(returns, params));
    return h.asType(erased(h.type()));
  }

  /** A public static method, adapted as {@link #virtual}. */
  public static MethodHandle statics(Class<?> owner, String name, Class<?> returns, Class<?>... params)
      throws ReflectiveOperationException {
    MethodHandle h = LOOKUP.findStatic(owner, name, MethodType.methodType(returns, params));
    return h.asType(erased(h.type()));
  }

  /** As {@link #virtual}, the result dropped: a builder's or setter's chaining result. */
  public static MethodHandle setter(Class<?> owner, String name, Class<?> returns, Class<?>... params)
      throws ReflectiveOperationException {
    MethodHandle h = virtual(owner, name, returns, params);
    return h.asType(h.type().changeReturnType(void.class));
  }

  /**
   * A public instance method with every type {@code Object} (primitives boxed): called through
   * {@link #call(MethodHandle, Object)} and its siblings, one exact invoker per arity.
   */
  public static MethodHandle generic(Class<?> owner, String name, Class<?> returns, Class<?>... params)
      throws ReflectiveOperationException {
    MethodHandle h = LOOKUP.findVirtual(owner, name, MethodType.methodType(returns, params));
    return h.asType(h.type().generic());
  }

  /** Invokes a {@link #generic} handle of one argument (the receiver). */
  public static Object call(MethodHandle h, Object a) {
    try {
      return (Object) h.invokeExact(a);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  /** Invokes a {@link #generic} handle of two arguments. */
  public static Object call(MethodHandle h, Object a, Object b) {
    try {
      return (Object) h.invokeExact(a, b);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  /** Invokes a {@link #generic} handle of three arguments. */
  public static Object call(MethodHandle h, Object a, Object b, Object c) {
    try {
      return (Object) h.invokeExact(a, b, c);
    } catch (Throwable t) {
      throw unchecked(t);
    }
  }

  /** A runtime exception or error as it is; a checked one wrapped. Errors are thrown here. */
  public static RuntimeException unchecked(Throwable t) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException(t);
  }

  /** {@code Object} for every type outside {@code java.*}; JDK types and primitives kept. */
  private static MethodType erased(MethodType type) {
    MethodType t = type.changeReturnType(erase(type.returnType()));
    for (int i = 0; i < t.parameterCount(); i++) {
      t = t.changeParameterType(i, erase(t.parameterType(i)));
    }
    return t;
  }

  private static Class<?> erase(Class<?> type) {
    return type.isPrimitive() || type.getName().startsWith("java.") ? type : Object.class;
  }
}
