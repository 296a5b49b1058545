package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PromQL regular expressions: Go's syntax, Prometheus's anchoring and errors, linear-time matching. */
class RegexTest {

  private final MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 1000);
  private final Engine engine = new Engine(store);

  /**
   * With backtracking ({@code java.util.regex}) this took minutes (killed after 60 s); RE2 answers
   * in milliseconds. The bound is generous so that a busy machine cannot fail it; the time is printed.
   */
  @Test
  void aPathologicalMatcherAnswersInLinearTime() {
    String value = "a".repeat(40) + "b"; // 41 characters: no match, the worst case for backtracking
    store.append(Labels.of("__name__", "up", "job", value), 0, 1);
    store.append(Labels.of("__name__", "up", "job", "a".repeat(12)), 0, 2);
    Vector v = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      long start = System.nanoTime();
      Vector r = (Vector) engine.instant("up{job=~\"(.*a){12}\"}", 0);
      System.out.printf("pathological regex (.*a){12} over a 41-character value: %.1f ms%n", (System.nanoTime() - start) / 1e6);
      return r;
    });
    assertThat(v.samples()).extracting(Sample::value).containsExactly(2.0);
  }

  @Test
  void aPathologicalLabelReplaceAnswersInLinearTime() {
    store.append(Labels.of("__name__", "up", "job", "a".repeat(40) + "b"), 0, 1);
    Vector v = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> (Vector) engine.instant("label_replace(up, \"x\", \"$1\", \"job\", \"(.*a){12}\")", 0));
    assertThat(v.samples()).hasSize(1);
    assertThat(v.samples().get(0).labels().get("x")).isEmpty();
  }

  /** Prometheus 2.42's text for these (promtool query and check rules): position of the matcher, Go's message. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "up{job=~\"a\\\\Z\"}               | 1:4: parse error: error parsing regexp: invalid escape sequence: `\\Z`",
    "up{job=~\"\\\\h+\"}               | 1:4: parse error: error parsing regexp: invalid escape sequence: `\\h`",
    "up{job!~\"\\\\R\"}                | 1:4: parse error: error parsing regexp: invalid escape sequence: `\\R`",
    "up{job=~\"\\\\p{javaLowerCase}\"} | 1:4: parse error: error parsing regexp: invalid character class range: `\\p{javaLowerCase}`",
    "up{job=~\"(?<x>a)\"}             | 1:4: parse error: error parsing regexp: invalid or unsupported Perl syntax: `(?<`",
  })
  void aRegexGoRejectsIsAParseErrorWithPrometheusMessage(String query, String message) {
    assertThatThrownBy(() -> PromQL.parse(query)).isInstanceOf(PromQLException.class).hasMessage(message);
  }

  @Test
  void labelReplaceRejectsWhatGoRejects() {
    store.append(Labels.of("__name__", "up", "job", "a"), 0, 1);
    assertThatThrownBy(() -> engine.instant("label_replace(up, \"x\", \"$1\", \"job\", \"\\\\h+\")", 0))
        .isInstanceOf(PromQLException.class).hasMessage("invalid regular expression in label_replace(): \\h+");
  }

  @Test
  void re2OnlySpellingsWorkAndTheSelectorPrintsWhatWasWritten() {
    store.append(Labels.of("__name__", "up", "job", "api", "instance", "host:9090"), 0, 1);
    Vector v = (Vector) engine.instant("label_replace(up{job=~\"[[:lower:]]{3}\"}, \"host\", \"${h}\", \"instance\", \"(?P<h>[^:]+):[[:digit:]]+\")", 0);
    assertThat(v.samples()).extracting(s -> s.labels().get("host")).containsExactly("host");
    assertThat(PromQL.parse("up{job=~\"[[:lower:]]\"}").toString()).isEqualTo("up{job=~\"[[:lower:]]\"}");
  }
}
