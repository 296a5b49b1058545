package io.coordscope.agent.instrument;

import io.coordscope.agent.bootstrap.OperationHandler;
import io.coordscope.agent.registry.MethodRegistry;
import io.coordscope.core.OperationSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link OperationHandler} that writes what the advice reports as readable lines, e.g.
 * {@code enter#1 work.claim [agent-1]}, {@code exit#1 work.claim thrown=IOException}.
 */
final class RecordingHandler implements OperationHandler {

  private final MethodRegistry registry;
  private final List<String> events = new ArrayList<>();
  private final List<Object> returned = new ArrayList<>();
  private final List<Throwable> thrown = new ArrayList<>();
  private final AtomicInteger scopes = new AtomicInteger();

  RecordingHandler(MethodRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Object enter(int operationId, Object[] args) {
    int scope = scopes.incrementAndGet();
    add("enter#" + scope + ' ' + name(operationId) + (args == null ? "" : " " + Arrays.toString(args)));
    return scope;
  }

  @Override
  public void exit(int operationId, Object scope, Object returnedValue, Throwable t) {
    synchronized (this) {
      returned.add(returnedValue);
      thrown.add(t);
    }
    add("exit#" + scope + ' ' + name(operationId) + (t == null ? "" : " thrown=" + t.getClass().getSimpleName()));
  }

  @Override
  public void kpi(int kpiId, double value) {
    add("kpi " + registry.kpi(kpiId).kpi + '=' + value);
  }

  @Override
  public void kpiObject(int kpiId, Object value) {
    add("kpiObject " + registry.kpi(kpiId).kpi + '=' + value);
  }

  OperationSpec spec(String operation) {
    for (int i = 0; i < registry.operationCount(); i++) {
      if (registry.operation(i).operation.equals(operation)) {
        return registry.operation(i);
      }
    }
    throw new AssertionError("no operation " + operation + " registered");
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized List<Object> returnedValues() {
    return new ArrayList<>(returned);
  }

  synchronized List<Throwable> thrownValues() {
    return new ArrayList<>(thrown);
  }

  synchronized void clear() {
    events.clear();
    returned.clear();
    thrown.clear();
    scopes.set(0);
  }

  private String name(int id) {
    OperationSpec s = registry.operation(id);
    return s == null ? "unknown-id-" + id : s.operation;
  }

  private synchronized void add(String e) {
    events.add(e);
  }
}
