package io.coordscope.extension.runtime;

import io.coordscope.core.CardinalityLimiter;
import io.coordscope.core.InFlightCalls;
import io.coordscope.core.OperationSpec;
import io.coordscope.core.Outcome;
import io.coordscope.core.OutcomeRules;
import io.coordscope.core.Outcomes;
import io.coordscope.core.TelemetryNames;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything prepared once per instrumented method: span name and fixed attributes, the
 * {@code @OpAttribute} keys, and the metric attribute sets, so a call only looks them up.
 */
final class OpState {

  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey(TelemetryNames.ATTR_OPERATION);
  private static final AttributeKey<String> KIND = AttributeKey.stringKey(TelemetryNames.ATTR_KIND);
  private static final AttributeKey<String> CODE_NAMESPACE = AttributeKey.stringKey(TelemetryNames.ATTR_CODE_NAMESPACE);
  private static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey(TelemetryNames.ATTR_CODE_FUNCTION);
  static final AttributeKey<String> LABEL_OPERATION = AttributeKey.stringKey(TelemetryNames.LABEL_OPERATION);
  static final AttributeKey<String> LABEL_KIND = AttributeKey.stringKey(TelemetryNames.LABEL_KIND);
  private static final AttributeKey<String> LABEL_OUTCOME = AttributeKey.stringKey(TelemetryNames.LABEL_OUTCOME);
  private static final AttributeKey<String> LABEL_ERROR_TYPE = AttributeKey.stringKey(TelemetryNames.LABEL_ERROR_TYPE);

  final String spanName;
  final boolean async;
  final Attributes spanAttributes;
  /** One per parameter, null where the parameter has no {@code @OpAttribute}; null if none. */
  final AttributeKey<String>[] argKeys;
  final Attributes active;
  /** This operation's calls in flight (shared by the methods of one label pair); set once on resolve. */
  InFlightCalls<InFlightCalls.Slot> inFlight;
  final Attributes success;
  private final String operationLabel;
  private final String kind;
  /** The method's annotation rules over the configured ones: which failures are not errors. */
  final OutcomeRules outcomes;
  /** Failure attribute sets by outcome ordinal, then error type. */
  private final Map<String, Attributes>[] failures = failureMaps();
  private final CardinalityLimiter errorTypes = new CardinalityLimiter(CardinalityLimiter.MAX_ERROR_TYPES);

  /** @param operationLabel the {@code operation} label: the spec's name, or {@code _other} beyond the bound */
  OpState(OperationSpec spec, String operationLabel) {
    this(spec, operationLabel, spec.outcomes);
  }

  /** @param outcomes the rules classifying this method's failures */
  OpState(OperationSpec spec, String operationLabel, OutcomeRules outcomes) {
    this.outcomes = outcomes;
    this.spanName = spec.operation;
    this.async = spec.async;
    this.spanAttributes =
        Attributes.of(
            OPERATION, spec.operation, KIND, spec.kind, CODE_NAMESPACE, spec.className, CODE_FUNCTION, spec.methodName);
    this.argKeys = keys(spec.attributeKeys);
    this.operationLabel = operationLabel;
    this.kind = spec.kind;
    this.active = Attributes.of(LABEL_OPERATION, operationLabel, LABEL_KIND, kind);
    this.success = outcome(Outcomes.SUCCESS, Outcomes.NO_ERROR);
  }

  /** Error path only: the {@code outcome="error"} attribute set of the exception's type. */
  Attributes error(Throwable t) {
    return failed(Outcome.ERROR, t);
  }

  /**
   * Failure path only: one attribute set per outcome and exception type; the exception types are
   * bounded per operation, shared by the outcomes.
   */
  Attributes failed(Outcome o, Throwable t) {
    Map<String, Attributes> byType = failures[o.ordinal()];
    String type = Outcomes.errorType(t);
    Attributes a = byType.get(type);
    if (a != null) {
      return a;
    }
    return byType.computeIfAbsent(errorTypes.admit(type), k -> outcome(o.label(), k));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, Attributes>[] failureMaps() {
    Map[] m = new Map[Outcome.values().length];
    for (int i = 0; i < m.length; i++) {
      m[i] = new ConcurrentHashMap<String, Attributes>();
    }
    return m;
  }

  private Attributes outcome(String outcome, String errorType) {
    return Attributes.of(
        LABEL_OPERATION, operationLabel, LABEL_KIND, kind, LABEL_OUTCOME, outcome, LABEL_ERROR_TYPE, errorType);
  }

  private static AttributeKey<String>[] keys(String[] names) {
    if (names == null) {
      return null;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    AttributeKey<String>[] k = new AttributeKey[names.length];
    for (int i = 0; i < k.length; i++) {
      k[i] = names[i] == null || names[i].isEmpty() ? null : AttributeKey.stringKey(names[i]);
    }
    return k;
  }
}
