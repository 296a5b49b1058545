package io.coordscope.sidecar.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.promql.ast.Expr;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated and random queries: parsing and evaluation either succeed or throw {@link
 * PromQLException}, never anything else (no index, null-pointer or class-cast errors escaping).
 */
class ParserFuzzTest {

  private static final String[] SEEDS = {
    "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m] offset 1m))",
    "histogram_quantile(0.9, sum without (instance) (rate(d_bucket[5m])))",
    "a / on (x) group_left (y) b > bool 0.5 or vector(1)",
    "label_replace(up, \"h\", \"$1\", \"instance\", \"(.*):.*\") unless absent(up)",
    "topk(3, -x ^ 2 % 7) and count_values(\"v\", y)",
    "quantile_over_time(0.5, g[10m]) atan2 time() - timestamp(g)",
    "{__name__=~'a|b', c!=\"d\"} * 1e3 + 0x1f",
  };
  private static final String ALPHABET = "()[]{},:@=!~<>+-*/%^\"'` .0123456789eExabcmsdhwybyonorandunlesssumrate_\\\n";

  @Test
  void neverThrowsAnythingButPromQLException() {
    Random rnd = new Random(42);
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofHours(1), 100);
    for (String m : new String[] {"up", "g", "x", "y", "a", "b", "http_requests_total", "d_bucket"}) {
      for (int t = 0; t < 20; t++) {
        store.append(Labels.of("__name__", m, "job", "j" + (t % 2), "le", t % 3 == 0 ? "+Inf" : "0.5"), t * 15_000L, t);
      }
    }
    Engine engine = new Engine(store);
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      queries.add(i % 2 == 0 ? mutate(SEEDS[rnd.nextInt(SEEDS.length)], rnd) : random(rnd));
    }
    int parsed = 0;
    for (String q : queries) {
      Expr e;
      try {
        e = PromQL.parse(q);
      } catch (PromQLException expected) {
        assertThat(expected.position()).as("position of error in %s", q).isBetween(0, q.length());
        continue;
      } catch (RuntimeException | StackOverflowError bug) {
        throw new AssertionError("parse(" + q + ") threw " + bug, bug);
      }
      parsed++;
      try {
        engine.instant(e, 200_000);
      } catch (PromQLException expected) {
        // an evaluation error is a valid outcome
      } catch (RuntimeException bug) {
        throw new AssertionError("instant(" + q + ") threw " + bug, bug);
      }
    }
    assertThat(parsed).as("some mutated queries still parse and get evaluated").isGreaterThan(100);
  }

  private static String mutate(String s, Random rnd) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + rnd.nextInt(4);
    for (int k = 0; k < edits && sb.length() > 0; k++) {
      int at = rnd.nextInt(sb.length());
      switch (rnd.nextInt(3)) {
        case 0 -> sb.deleteCharAt(at);
        case 1 -> sb.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        default -> sb.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  private static String random(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(40);
    for (int k = 0; k < n; k++) {
      sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
