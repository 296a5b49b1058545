package io.coordscope.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The classification of exceptions into outcomes, and its precedence. */
class OutcomeRulesTest {

  static final class StaleClaimException extends ConcurrentModificationException {
    private static final long serialVersionUID = 1L;
  }

  private static OutcomeRules rules(Outcome o, String... names) {
    Map<Outcome, List<String>> m = new EnumMap<>(Outcome.class);
    m.put(o, List.of(names));
    return OutcomeRules.of(m);
  }

  @Test
  void withoutRulesEveryExceptionIsAnErrorAndNoExceptionIsSuccess() {
    assertThat(OutcomeRules.NONE.classify(new RuntimeException())).isEqualTo(Outcome.ERROR);
    assertThat(OutcomeRules.NONE.classify(null)).isEqualTo(Outcome.SUCCESS);
    assertThat(rules(Outcome.CONFLICT, "java.lang.IllegalStateException").classify(null)).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void theExceptionClassOrAnySuperclassMatchesByName() {
    OutcomeRules r = rules(Outcome.CONFLICT, ConcurrentModificationException.class.getName());
    assertThat(r.classify(new ConcurrentModificationException())).isEqualTo(Outcome.CONFLICT);
    assertThat(r.classify(new StaleClaimException())).isEqualTo(Outcome.CONFLICT);
    assertThat(r.classify(new IllegalStateException())).isEqualTo(Outcome.ERROR);
  }

  @Test
  void nestedClassesUseTheirBinaryName() {
    OutcomeRules r = rules(Outcome.CONFLICT, StaleClaimException.class.getName());
    assertThat(StaleClaimException.class.getName()).contains("$");
    assertThat(r.classify(new StaleClaimException())).isEqualTo(Outcome.CONFLICT);
  }

  @Test
  void theNearestClassInTheHierarchyWins() {
    Map<Outcome, List<String>> m = new EnumMap<>(Outcome.class);
    m.put(Outcome.REJECTED, List.of(IOException.class.getName()));
    m.put(Outcome.TIMEOUT, List.of(SocketTimeoutException.class.getName()));
    OutcomeRules r = OutcomeRules.of(m);
    assertThat(r.classify(new SocketTimeoutException())).isEqualTo(Outcome.TIMEOUT);
    assertThat(r.classify(new InterruptedIOException())).isEqualTo(Outcome.REJECTED);
  }

  @Test
  void aClassUnderTwoOutcomesCountsForTheFirstOfConflictTimeoutRejected() {
    Map<Outcome, List<String>> m = new EnumMap<>(Outcome.class);
    m.put(Outcome.REJECTED, List.of("java.util.concurrent.TimeoutException"));
    m.put(Outcome.TIMEOUT, List.of("java.util.concurrent.TimeoutException"));
    assertThat(OutcomeRules.of(m).classify(new TimeoutException())).isEqualTo(Outcome.TIMEOUT);
  }

  @Test
  void theAnnotationWinsOverConfigurationForTheSameClassButNotOverANearerOne() {
    OutcomeRules annotation = rules(Outcome.CONFLICT, IllegalStateException.class.getName());
    Map<Outcome, List<String>> m = new EnumMap<>(Outcome.class);
    m.put(Outcome.REJECTED, List.of(IllegalStateException.class.getName(), RejectedExecutionException.class.getName()));
    m.put(Outcome.TIMEOUT, List.of(StaleClaimException.class.getName()));
    OutcomeRules config = OutcomeRules.of(m);
    OutcomeRules merged = annotation.over(config);
    assertThat(merged.classify(new IllegalStateException())).isEqualTo(Outcome.CONFLICT);
    assertThat(merged.classify(new RejectedExecutionException())).isEqualTo(Outcome.REJECTED);
    assertThat(OutcomeRules.NONE.over(config)).isSameAs(config);
    assertThat(annotation.over(OutcomeRules.NONE)).isSameAs(annotation);
    // nearest first: StaleClaimException (config, timeout) is nearer than an annotated superclass
    OutcomeRules parentAnnotated = rules(Outcome.CONFLICT, ConcurrentModificationException.class.getName());
    assertThat(parentAnnotated.over(config).classify(new StaleClaimException())).isEqualTo(Outcome.TIMEOUT);
  }

  @Test
  void configurationValuesAreParsedAndBadNamesReported() {
    List<String> invalid = new ArrayList<>();
    List<String> names =
        OutcomeRules.parseClassNames(" org.hibernate.StaleObjectStateException, ,a.B$C,not a class,1abc", invalid);
    assertThat(names).containsExactly("org.hibernate.StaleObjectStateException", "a.B$C");
    assertThat(invalid).containsExactly("not a class", "1abc");
    assertThat(OutcomeRules.parseClassNames(null, invalid)).isEmpty();
  }

  @Test
  void labelsKeysAndAttributesAreNamedAfterTheOutcome() {
    assertThat(Outcome.CONFLICT.label()).isEqualTo("conflict");
    assertThat(Outcome.TIMEOUT.configKey()).isEqualTo("outcomes.timeout");
    assertThat(Outcome.REJECTED.annotationAttribute()).isEqualTo("rejectedOn");
    assertThat(Outcome.ERROR.isError()).isTrue();
    assertThat(Outcome.CONFLICT.isError()).isFalse();
    assertThat(rules(Outcome.CONFLICT, "a.B").toString()).isEqualTo("conflict=[a.B]");
    assertThat(OutcomeRules.NONE.toString()).isEqualTo("none");
  }
}
