package io.coordscope.agent.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.ExecutorPropagationApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tasks carry their submitter's context through every executor kind (virtual threads on JDK 25),
 * under concurrency, and no pooled thread keeps a context afterwards: every {@code child} span is
 * the child of the {@code parent} operation that submitted it, every later {@code orphan} a root.
 */
class ExecutorPropagationIT {

  static final int THREADS = 4;
  static final int ROUNDS = 25;

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void tasksRunInTheSubmittersContextAndLeaveNone(String jdk) throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      ForkedJvm.Result r =
          ForkedJvm.jdk(jdk)
              .withAgent("metrics.port=0,traces.queue.size=16384")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
              .timeout(Duration.ofSeconds(180))
              .main(ExecutorPropagationApp.class, Integer.toString(THREADS), Integer.toString(ROUNDS))
              .run();
      assertThat(r.exitCode()).as(r.toString()).isZero();
      String done = r.stdout().lines().filter(l -> l.startsWith(ExecutorPropagationApp.DONE)).findFirst().orElseThrow();
      List<String> kinds = List.of(done.substring(ExecutorPropagationApp.DONE.length()).trim().split(","));
      if ("25".equals(jdk)) {
        assertThat(kinds).contains("virtual");
      }
      int parents = THREADS * ROUNDS;
      int orphans = ExecutorPropagationApp.ORPHAN_ROUNDS * kinds.size();
      int expected = parents + parents * kinds.size() + orphans;
      List<ReceivedSpan> spans = rx.awaitSpans(expected, Duration.ofSeconds(60));
      assertThat(spans).as(r.toString()).hasSize(expected);

      Map<String, ReceivedSpan> parentById =
          spans.stream().filter(s -> s.name().equals("parent")).collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
      assertThat(parentById).hasSize(parents);
      assertThat(parentById.values()).allSatisfy(p -> assertThat(p.parentSpanId()).isEmpty());

      List<ReceivedSpan> children = spans.stream().filter(s -> s.name().equals("child")).toList();
      assertThat(children).allSatisfy(c -> {
        ReceivedSpan p = parentById.get(c.parentSpanId());
        assertThat(p).as("parent of child via " + c.attributes().get("executor")).isNotNull();
        assertThat(c.traceId()).isEqualTo(p.traceId());
      });
      Map<String, Long> perKind = children.stream().collect(Collectors.groupingBy(c -> c.attributes().get("executor"), Collectors.counting()));
      assertThat(perKind.keySet()).containsExactlyInAnyOrderElementsOf(kinds);
      assertThat(perKind.values()).allSatisfy(n -> assertThat(n).isEqualTo((long) parents));
      // Each parent got exactly one child per kind: nothing crossed between concurrent parents.
      Map<String, Long> perParent = children.stream().collect(Collectors.groupingBy(ReceivedSpan::parentSpanId, Collectors.counting()));
      assertThat(perParent.values()).allSatisfy(n -> assertThat(n).isEqualTo((long) kinds.size()));

      assertThat(spans.stream().filter(s -> s.name().equals("orphan")).toList()).hasSize(orphans)
          .allSatisfy(o -> assertThat(o.parentSpanId()).as("orphan via " + o.attributes().get("executor")).isEmpty());
    }
  }
}
