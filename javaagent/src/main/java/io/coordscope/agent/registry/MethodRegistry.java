package io.coordscope.agent.registry;

import io.coordscope.core.KpiSpec;
import io.coordscope.core.OperationSpec;
import java.util.Arrays;

/**
 * Assigns the small int ids that inlined advice passes to the handler, and maps them back to
 * specs. Registration happens at transform time (rare, synchronized); lookup is a plain array read.
 * The same class/method registered twice (retransformation, several class loaders) gets one id;
 * overloads share an id when their specs are equal. Bounded by the number of instrumented methods.
 */
public final class MethodRegistry {

  private volatile OperationSpec[] operations = new OperationSpec[16];
  private volatile KpiSpec[] kpis = new KpiSpec[16];
  private int operationCount;
  private int kpiCount;

  public synchronized int registerOperation(OperationSpec spec) {
    for (int i = 0; i < operationCount; i++) {
      OperationSpec o = operations[i];
      if (o.className.equals(spec.className)
          && o.methodName.equals(spec.methodName)
          && o.operation.equals(spec.operation)
          && o.kind.equals(spec.kind)
          && o.async == spec.async
          && Arrays.equals(o.attributeKeys, spec.attributeKeys)) {
        return i;
      }
    }
    // Copy on write: the volatile store publishes the new entry to every reader.
    OperationSpec[] next = Arrays.copyOf(operations, Math.max(operations.length, operationCount + 1));
    next[operationCount] = spec;
    operations = next;
    return operationCount++;
  }

  public synchronized int registerKpi(KpiSpec spec) {
    for (int i = 0; i < kpiCount; i++) {
      KpiSpec k = kpis[i];
      if (k.className.equals(spec.className)
          && k.methodName.equals(spec.methodName)
          && k.kpi.equals(spec.kpi)
          && k.unit.equals(spec.unit)) {
        return i;
      }
    }
    KpiSpec[] next = Arrays.copyOf(kpis, Math.max(kpis.length, kpiCount + 1));
    next[kpiCount] = spec;
    kpis = next;
    return kpiCount++;
  }

  /** The spec for an id handed out by {@link #registerOperation}, or null for an unknown id. */
  public OperationSpec operation(int id) {
    OperationSpec[] a = operations;
    return id >= 0 && id < a.length ? a[id] : null;
  }

  public KpiSpec kpi(int id) {
    KpiSpec[] a = kpis;
    return id >= 0 && id < a.length ? a[id] : null;
  }

  public synchronized int operationCount() {
    return operationCount;
  }

  public synchronized int kpiCount() {
    return kpiCount;
  }
}
