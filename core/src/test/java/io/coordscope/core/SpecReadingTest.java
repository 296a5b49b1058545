package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decisions both readers share, on plain values: the agent's Byte Buddy view and the
 * extension's reflected view are tested in their modules against real classes.
 */
class SpecReadingTest {

  static final String OP = Selection.COORDINATION_OP;

  /** Attribute values by name; a String or a list of class names. */
  record Values(String typeName, Map<String, Object> values) implements AnnotationValues {
    @Override
    public String string(String name) {
      return values.get(name) instanceof String s ? s : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> classNames(String name) {
      return values.get(name) instanceof List<?> l ? (List<String>) l : List.of();
    }
  }

  static final class Method extends AnnotatedMethod {
    final List<Values> annotations;
    final List<List<Values>> parameters;
    final String returnTypeName;
    final boolean returnsCompletionStage;

    Method(String methodName, List<Values> annotations, List<List<Values>> parameters, String returnTypeName,
        boolean returnsCompletionStage) {
      super("Dispatcher", "com.acme.Dispatcher", methodName);
      this.annotations = annotations;
      this.parameters = parameters;
      this.returnTypeName = returnTypeName;
      this.returnsCompletionStage = returnsCompletionStage;
    }

    @Override
    public List<Values> annotations() {
      return annotations;
    }

    @Override
    public int parameterCount() {
      return parameters.size();
    }

    @Override
    public List<Values> parameterAnnotations(int index) {
      return parameters.get(index);
    }

    @Override
    public String returnTypeName() {
      return returnTypeName;
    }

    @Override
    public boolean returnsCompletionStage() {
      return returnsCompletionStage;
    }
  }

  static Values attr(String key) {
    return new Values(Selection.OP_ATTRIBUTE, Map.of("value", key));
  }

  @Test
  void annotatedOperationTakesTrimmedValuesKeysAndDeclaredOutcomes() {
    Values op = new Values(OP, Map.of("value", " work.claim ", "kind", "claim",
        "conflictOn", List.of(IllegalStateException.class.getName())));
    Method m = new Method("claim", List.of(new Values("java.lang.Deprecated", Map.of()), op),
        List.of(List.of(attr(" queue ")), List.of(), List.of(attr("  "))), "void", false);
    OperationSpec s = SpecReading.operation(m, Set.of(OP));
    assertThat(s.operation).isEqualTo("work.claim");
    assertThat(s.kind).isEqualTo("claim");
    assertThat(s.className).isEqualTo("com.acme.Dispatcher");
    assertThat(s.attributeKeys).containsExactly("queue", null, null);
    assertThat(s.async).isFalse();
    assertThat(s.outcomes.classify(new IllegalStateException())).isEqualTo(Outcome.CONFLICT);
  }

  @Test
  void aMethodListedWithoutAnnotationTakesTheDefaults() {
    Method m = new Method("settle", List.of(), List.of(List.of()), "java.util.concurrent.CompletableFuture", true);
    OperationSpec s = SpecReading.operation(m, Set.of(OP));
    assertThat(s.operation).isEqualTo("Dispatcher.settle");
    assertThat(s.kind).isEqualTo(Naming.DEFAULT_KIND);
    assertThat(s.attributeKeys).isNull();
    assertThat(s.async).isTrue();
    assertThat(s.outcomes).isSameAs(OutcomeRules.NONE);
  }

  @Test
  void onlyTheNamedAnnotationsCountAndUnreadableValuesAreAbsent() {
    Values other = new Values("com.acme.Timed", Map.of("value", "timed"));
    Values kpi = new Values(Selection.KPI, Map.of("unit", " items "));
    Method m = new Method("depth", List.of(other, kpi), List.of(), "int", false);
    assertThat(SpecReading.operation(m, Set.of(OP)).operation).isEqualTo("Dispatcher.depth");
    KpiSpec k = SpecReading.kpi(m, Set.of(Selection.KPI));
    assertThat(k.kpi).isEqualTo("Dispatcher.depth");
    assertThat(k.unit).isEqualTo("items");
    assertThat(SpecReading.string(null, "value")).isNull();
    assertThat(SpecReading.outcomeRules(null)).isSameAs(OutcomeRules.NONE);
  }
}
