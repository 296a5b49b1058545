package io.coordscope.agent.bootstrap;

/**
 * What the inlined advice calls. Lives on the bootstrap class path with {@link Bridge} so that
 * advice inlined into classes of any class loader can see it. Implementations must never throw
 * and never block.
 */
public interface OperationHandler {

  /**
   * A {@code @CoordinationOp} method was entered.
   *
   * @param operationId the id the instrumentation registered for this method
   * @param args the arguments, only for methods with {@code @OpAttribute} parameters, else null
   * @return an opaque scope handed back to {@link #exit}, or null
   */
  Object enter(int operationId, Object[] args);

  /**
   * The method returned or threw. For a returned {@code CompletionStage} the operation ends when
   * the stage completes.
   */
  void exit(int operationId, Object scope, Object returned, Throwable thrown);

  /** A {@code @Kpi} method with a primitive numeric return type returned {@code value}. */
  void kpi(int kpiId, double value);

  /**
   * A {@code @Kpi} method with a boxed or optional return type returned {@code value} (a
   * {@code Number}, {@code Optional}, {@code OptionalDouble}/{@code Long}/{@code Int}, or null).
   */
  void kpiObject(int kpiId, Object value);

  /** Does nothing: installed until the agent's telemetry is ready, and when it is disabled. */
  OperationHandler NOOP =
      new OperationHandler() {
        @Override
        public Object enter(int operationId, Object[] args) {
          return null;
        }

        @Override
        public void exit(int operationId, Object scope, Object returned, Throwable thrown) {}

        @Override
        public void kpi(int kpiId, double value) {}

        @Override
        public void kpiObject(int kpiId, Object value) {}
      };
}
