package io.coordscope.agent.bootstrap;

/** The one static entry point inlined advice uses to reach the agent's handler. */
public final class Bridge {

  private static volatile OperationHandler handler = OperationHandler.NOOP;
  private static volatile PropagationHandler propagation = PropagationHandler.NOOP;

  private Bridge() {}

  public static OperationHandler handler() {
    return handler;
  }

  public static void install(OperationHandler h) {
    handler = h == null ? OperationHandler.NOOP : h;
  }

  /** The HTTP and executor instrumentation's entry point. */
  public static PropagationHandler propagation() {
    return propagation;
  }

  public static void installPropagation(PropagationHandler h) {
    propagation = h == null ? PropagationHandler.NOOP : h;
  }
}
