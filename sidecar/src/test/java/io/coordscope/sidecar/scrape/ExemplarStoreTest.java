package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.exposition.Exemplar;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExemplarStoreTest {

  private static Exemplar ex(String trace, long t) {
    return new Exemplar(Labels.of("trace_id", trace), 1, OptionalLong.of(t));
  }

  @Test
  void keepsTheLatestPerSeriesAndEvictsTheLeastRecentlyUsed() {
    ExemplarStore store = new ExemplarStore(2);
    Labels a = Labels.of("__name__", "m", "op", "a");
    Labels b = Labels.of("__name__", "m", "op", "b");
    Labels c = Labels.of("__name__", "m", "op", "c");
    store.put(a, ex("t1", 1));
    store.put(a, ex("t2", 2));
    store.put(b, ex("t3", 3));
    store.latest(a); // a is now more recent than b
    store.put(c, ex("t4", 4));

    assertThat(store.size()).isEqualTo(2);
    assertThat(store.latest(a).orElseThrow().labels().get("trace_id")).isEqualTo("t2");
    assertThat(store.latest(b)).isEmpty();
    assertThat(store.select(List.of(Matcher.eq("__name__", "m")))).extracting(e -> e.exemplar().labels().get("trace_id"))
        .containsExactly("t4", "t2");
  }
}
