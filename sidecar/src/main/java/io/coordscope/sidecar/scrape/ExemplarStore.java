package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.exposition.Exemplar;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest exemplar of each series (by the series' full labels), at most {@code capacity}
 * series: adding beyond that evicts the series whose exemplar was least recently updated or read.
 * Memory is bounded by capacity × (series labels + one exemplar of at most 128 label characters).
 * Thread-safe.
 */
public final class ExemplarStore {

  /** One stored exemplar and the series it belongs to. */
  public record Entry(Labels series, Exemplar exemplar) {}

  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final LinkedHashMap<Labels, Exemplar> map;

  public ExemplarStore(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("exemplar store capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Labels, Exemplar> eldest) {
        return size() > ExemplarStore.this.capacity;
      }
    };
  }

  public synchronized void put(Labels series, Exemplar exemplar) {
    map.put(series, exemplar);
  }

  public synchronized Optional<Exemplar> latest(Labels series) {
    return Optional.ofNullable(map.get(series));
  }

  /** Exemplars of the series matching every matcher, newest exemplar timestamp first when present. */
  public synchronized List<Entry> select(List<Matcher> matchers) {
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<Labels, Exemplar> e : map.entrySet()) {
      if (matchers.stream().allMatch(m -> m.matches(e.getKey()))) {
        out.add(new Entry(e.getKey(), e.getValue()));
      }
    }
    out.sort((a, b) -> Long.compare(b.exemplar().timestampMillis().orElse(0), a.exemplar().timestampMillis().orElse(0)));
    return out;
  }

  public synchronized int size() {
    return map.size();
  }

  public int capacity() {
    return capacity;
  }
}
