package io.coordscope.benchmarks.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The coordscope agent's HTTP hooks, reached exactly as its inlined advice reaches them: the
 * static {@code io.coordscope.agent.bootstrap.Bridge.propagation()} on the bootstrap class path,
 * then one method of the handler, per call. Bound once into constant method handles, so the JIT
 * inlines the calls as it does the advice's; nothing of the agent is compiled into the benchmarks.
 *
 * <p>Without the agent there is no bridge: every hook does nothing and returns null, and the
 * benchmark measures its own floor (building the request objects, the server's filter chain).
 */
final class AgentHooks {

  private static final String BRIDGE = "io.coordscope.agent.bootstrap.Bridge";
  private static final String HANDLER = "io.coordscope.agent.bootstrap.PropagationHandler";

  /** True when the agent's bridge is on the bootstrap class path (the fork runs with the agent). */
  static final boolean ATTACHED;
  /** {@code ()Object}: the handler behind the bridge. */
  private static final MethodHandle PROPAGATION;
  /** {@code (Object handler)void}: {@code Bridge.installPropagation}; null installs the no-op handler. */
  private static final MethodHandle INSTALL;
  /** {@code (handler, connection)Object}. */
  private static final MethodHandle URL_START;
  /** {@code (handler, connection, state, response, thrown)void}. */
  private static final MethodHandle URL_END;
  /** {@code (handler, request)Object}. */
  private static final MethodHandle CLIENT_START;
  /** {@code (handler, call, request)Object}. */
  private static final MethodHandle CLIENT_REQUEST;
  /** {@code (handler, call, future, thrown)void}. */
  private static final MethodHandle CLIENT_END;

  static {
    Class<?> bridge;
    Class<?> handler;
    try {
      bridge = Class.forName(BRIDGE, true, null);
      handler = Class.forName(HANDLER, false, null);
    } catch (ClassNotFoundException notAttached) {
      bridge = null;
      handler = null;
    }
    ATTACHED = bridge != null;
    try {
      PROPAGATION = ATTACHED
          ? MethodHandles.publicLookup().findStatic(bridge, "propagation", MethodType.methodType(handler))
              .asType(MethodType.methodType(Object.class))
          : MethodHandles.constant(Object.class, null);
      INSTALL = ATTACHED
          ? MethodHandles.publicLookup().findStatic(bridge, "installPropagation", MethodType.methodType(void.class, handler))
              .asType(MethodType.methodType(void.class, Object.class))
          : MethodHandles.empty(MethodType.methodType(void.class, Object.class));
      URL_START = hook(handler, "urlConnectionStart", Object.class, Object.class);
      URL_END = hook(handler, "urlConnectionEnd", void.class, Object.class, Object.class, boolean.class, Throwable.class);
      CLIENT_START = hook(handler, "clientStart", Object.class, Object.class);
      CLIENT_REQUEST = hook(handler, "clientRequest", Object.class, Object.class, Object.class);
      CLIENT_END = hook(handler, "clientEnd", void.class, Object.class, Object.class, Throwable.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the agent's bridge has no hook of this name and type: " + e.getMessage(), e);
    }
  }

  private AgentHooks() {}

  /** The handler's method as {@code (Object handler, params...)ret}; without the agent, a no-op returning null. */
  private static MethodHandle hook(Class<?> handler, String name, Class<?> ret, Class<?>... params)
      throws ReflectiveOperationException {
    MethodType erased = MethodType.methodType(ret, params).insertParameterTypes(0, Object.class);
    if (handler == null) {
      return MethodHandles.empty(erased);
    }
    return MethodHandles.publicLookup().findVirtual(handler, name, MethodType.methodType(ret, params)).asType(erased);
  }

  /** The handler the hooks call now (the agent's, or its no-op one); null without the agent. */
  static Object handler() {
    try {
      return (Object) PROPAGATION.invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Makes {@code handler} the one every hook calls; null installs the agent's no-op handler (the
   * one it runs with when propagation could not be installed): the inlined advice then finds
   * nothing to do and returns, so a request is sent and answered as without the hooks.
   */
  static void install(Object handler) {
    try {
      INSTALL.invokeExact(handler);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static Object urlConnectionStart(Object connection) {
    try {
      return (Object) URL_START.invokeExact((Object) PROPAGATION.invokeExact(), connection);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static void urlConnectionEnd(Object connection, Object state, boolean response, Throwable thrown) {
    try {
      URL_END.invokeExact((Object) PROPAGATION.invokeExact(), connection, state, response, thrown);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static Object clientStart(Object request) {
    try {
      return (Object) CLIENT_START.invokeExact((Object) PROPAGATION.invokeExact(), request);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static Object clientRequest(Object call, Object request) {
    try {
      return (Object) CLIENT_REQUEST.invokeExact((Object) PROPAGATION.invokeExact(), call, request);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static void clientEnd(Object call, Object future, Throwable thrown) {
    try {
      CLIENT_END.invokeExact((Object) PROPAGATION.invokeExact(), call, future, thrown);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
