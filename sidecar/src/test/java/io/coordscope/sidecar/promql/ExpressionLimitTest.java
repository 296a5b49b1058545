package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The size limit counts operators and calls, not only parentheses: a flat {@code up or up or ...}
 * chain is a left-deep tree as tall as it has operators, which overflowed the stack before.
 */
class ExpressionLimitTest {

  private static String chain(String op, int operators) {
    return "up" + (" " + op + " up").repeat(operators);
  }

  @Test
  void aFlatChainOfElevenThousandOperatorsIsAClearParseError() {
    String q = chain("or", 10_800); // 64,802 characters: just under the length limit
    assertThatThrownBy(() -> PromQL.parse(q))
        .isInstanceOf(PromQLException.class)
        .hasMessageContaining("expression too large: more than " + Parser.MAX_HEIGHT
            + " nested operators, function calls or aggregations");
  }

  @Test
  void everyOperatorKindAndNestedCallsCount() {
    assertThatThrownBy(() -> PromQL.parse(chain("+", Parser.MAX_HEIGHT + 5))).hasMessageContaining("too large");
    assertThatThrownBy(() -> PromQL.parse(chain("and", Parser.MAX_HEIGHT + 5))).hasMessageContaining("too large");
    // right-associative ^ recurses through the parser: its depth guard answers first
    assertThatThrownBy(() -> PromQL.parse(chain("^", Parser.MAX_HEIGHT + 5))).isInstanceOf(PromQLException.class);
    // function nesting: each call is a level
    String nested = "abs(".repeat(Parser.MAX_DEPTH + 1) + "up" + ")".repeat(Parser.MAX_DEPTH + 1);
    assertThatThrownBy(() -> PromQL.parse(nested)).isInstanceOf(PromQLException.class);
    // a chain inside nested calls adds up: 150 calls around a 900-operator chain is taller than the limit
    String mixed = "abs(".repeat(150) + chain("or", 900) + ")".repeat(150);
    assertThatThrownBy(() -> PromQL.parse(mixed)).hasMessageContaining("too large");
  }

  @Test
  void theTallestAcceptedExpressionEvaluatesOnASmallStack() throws Exception {
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 10);
    store.append(Labels.builder().set("__name__", "up").set("job", "a").build(), 1000, 1);
    Engine engine = new Engine(store);
    String q = chain("or", Parser.MAX_HEIGHT - 1);
    AtomicReference<Object> result = new AtomicReference<>();
    // Half the JVM's default 1 MiB thread stack: the limit leaves a margin of at least two.
    Thread t = new Thread(null, () -> {
      try {
        result.set(engine.instant(q, 2000));
      } catch (Throwable e) {
        result.set(e);
      }
    }, "deep-eval", 512 * 1024);
    t.start();
    t.join();
    assertThat(result.get()).isInstanceOf(Vector.class);
    assertThat(((Vector) result.get()).samples()).hasSize(1);
  }
}
