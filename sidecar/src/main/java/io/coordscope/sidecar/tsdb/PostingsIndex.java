package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inverted index of the in-memory store, as Prometheus's head postings: for every label
 * {@code name="value"} of a stored series, the series holding it, in creation order. A selector
 * intersects the lists of its equality matchers first, then of its other matchers that need the
 * label (a plain alternation like {@code le=~"0.1|0.5"} looks its values up; other regexes run once
 * per distinct value, not per series), and checks the rest (those that also match an absent label:
 * {@code l=""}, {@code l!="x"}, {@code =~".*"}) on the few series left.
 *
 * <p>It is also the store's string interner: a series' label set is rebuilt from the index's
 * strings, so each distinct name and value is held once. Bound: the index holds exactly the names
 * and values of the stored series (an entry goes with its last series), so it is bounded by the
 * series limit times the labels per series.
 *
 * <p>Not thread-safe: {@link MemorySeriesStore} guards it with a read-write lock.
 */
final class PostingsIndex {

  private static final Comparator<MemSeries> BY_REF = Comparator.comparingLong(s -> s.ref);

  /** label name -> value -> postings. */
  private final Map<String, Map<String, Postings>> names = new HashMap<>();
  private final Postings all = new Postings("");

  /** The series of one label value in creation order; the key strings are the interned copies. */
  private static final class Postings {
    final String value;
    String name;
    MemSeries[] series = new MemSeries[1];
    int size;

    Postings(String value) {
      this.value = value;
    }

    void add(MemSeries s) {
      if (size == series.length) {
        series = Arrays.copyOf(series, size + (size >> 1) + 1);
      }
      series[size++] = s; // refs grow, so appending keeps the order
    }

    /** Drops removed series; shrinks the array when it is mostly empty. */
    void compact() {
      int j = 0;
      for (int i = 0; i < size; i++) {
        if (!series[i].removed()) {
          series[j++] = series[i];
        }
      }
      Arrays.fill(series, j, size, null);
      size = j;
      if (size < series.length / 4) {
        series = Arrays.copyOf(series, Math.max(1, size + (size >> 1)));
      }
    }
  }

  /** {@code labels} with the index's copy of each name and value where it has one. */
  Labels intern(Labels labels) {
    return labels.withStrings(n -> {
      Map<String, Postings> values = names.get(n);
      return values == null ? n : values.values().iterator().next().name;
    }, (n, v) -> {
      Map<String, Postings> values = names.get(n);
      Postings p = values == null ? null : values.get(v);
      return p == null ? v : p.value;
    });
  }

  /** Adds a new series, newer than every series already indexed. */
  void add(MemSeries s) {
    Labels l = s.labels;
    for (int i = 0; i < l.size(); i++) {
      String name = l.name(i);
      String value = l.value(i);
      Postings p = names.computeIfAbsent(name, k -> new HashMap<>()).computeIfAbsent(value, Postings::new);
      p.name = p.name == null ? name : p.name;
      p.add(s);
    }
    all.add(s);
  }

  /** Removes series already marked removed, with the index entries only they used. */
  void remove(List<MemSeries> removed) {
    if (removed.isEmpty()) {
      return;
    }
    Set<Postings> touched = Collections.newSetFromMap(new IdentityHashMap<>());
    for (MemSeries s : removed) {
      Labels l = s.labels;
      for (int i = 0; i < l.size(); i++) {
        Map<String, Postings> values = names.get(l.name(i));
        Postings p = values == null ? null : values.get(l.value(i));
        if (p != null) {
          touched.add(p);
        }
      }
    }
    for (Postings p : touched) {
      p.compact();
      if (p.size == 0) {
        Map<String, Postings> values = names.get(p.name);
        values.remove(p.value);
        if (values.isEmpty()) {
          names.remove(p.name);
        }
      }
    }
    all.compact();
  }

  /** Distinct label names and values held (the interner's size). */
  int strings() {
    int n = names.size();
    for (Map<String, Postings> values : names.values()) {
      n += values.size();
    }
    return n;
  }

  /** The series matching every matcher, in creation order. */
  List<MemSeries> select(List<Matcher> matchers) {
    List<Matcher> eq = new ArrayList<>();
    List<Matcher> needLabel = new ArrayList<>();
    List<Matcher> check = new ArrayList<>();
    for (Matcher m : matchers) {
      if (m.matchesEmpty()) {
        check.add(m); // also selects series without the label: no postings list holds those
      } else if (m.type() == Matcher.Type.EQ) {
        eq.add(m);
      } else {
        needLabel.add(m);
      }
    }
    MemSeries[] cand = null;
    int n = 0;
    eq.sort(Comparator.comparingInt(this::eqSize));
    for (Matcher m : eq) {
      Postings p = postings(m.name(), m.value());
      if (p == null) {
        return List.of();
      }
      if (cand == null) {
        cand = Arrays.copyOf(p.series, p.size);
        n = p.size;
      } else {
        n = intersect(cand, n, p.series, p.size);
      }
      if (n == 0) {
        return List.of();
      }
    }
    for (Matcher m : needLabel) {
      Map<String, Postings> values = names.get(m.name());
      if (values == null) {
        return List.of();
      }
      if (cand != null && n <= values.size()) {
        check.add(m); // fewer series left than values to look at: check them directly
        continue;
      }
      MemSeries[] union = union(m, values);
      if (cand == null) {
        cand = union;
        n = union.length;
      } else {
        n = intersect(cand, n, union, union.length);
      }
      if (n == 0) {
        return List.of();
      }
    }
    if (cand == null) {
      cand = all.series;
      n = all.size;
    }
    List<MemSeries> out = new ArrayList<>(check.isEmpty() ? n : Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      if (matchesAll(cand[i].labels, check)) {
        out.add(cand[i]);
      }
    }
    return out;
  }

  private int eqSize(Matcher m) {
    Postings p = postings(m.name(), m.value());
    return p == null ? 0 : p.size;
  }

  private Postings postings(String name, String value) {
    Map<String, Postings> values = names.get(name);
    return values == null ? null : values.get(value);
  }

  /** The series whose value of {@code m}'s label matches; disjoint lists (one value per series), sorted once. */
  private static MemSeries[] union(Matcher m, Map<String, Postings> values) {
    List<Postings> lists = new ArrayList<>();
    Set<String> set = m.setMatches();
    if (set != null && set.size() < values.size()) {
      for (String v : set) {
        Postings p = values.get(v);
        if (p != null) {
          lists.add(p);
        }
      }
    } else {
      for (Postings p : values.values()) {
        if (m.matches(p.value)) {
          lists.add(p);
        }
      }
    }
    int total = 0;
    for (Postings p : lists) {
      total += p.size;
    }
    MemSeries[] out = new MemSeries[total];
    int i = 0;
    for (Postings p : lists) {
      System.arraycopy(p.series, 0, out, i, p.size);
      i += p.size;
    }
    if (lists.size() > 1) {
      Arrays.sort(out, BY_REF);
    }
    return out;
  }

  /** Keeps in {@code a[0..n)} the series also in {@code b[0..m)}; both sorted by ref. Returns the new size. */
  private static int intersect(MemSeries[] a, int n, MemSeries[] b, int m) {
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < n && j < m) {
      long x = a[i].ref;
      long y = b[j].ref;
      if (x == y) {
        a[k++] = a[i++];
        j++;
      } else if (x < y) {
        i++;
      } else {
        j = gallop(b, j, m, x);
      }
    }
    return k;
  }

  /** The first index in {@code b[from..m)} whose ref is at least {@code ref}. */
  private static int gallop(MemSeries[] b, int from, int m, long ref) {
    int step = 1;
    int lo = from;
    int hi = from;
    while (hi < m && b[hi].ref < ref) {
      lo = hi + 1;
      hi += step;
      step <<= 1;
    }
    hi = Math.min(hi, m);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (b[mid].ref < ref) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static boolean matchesAll(Labels labels, List<Matcher> matchers) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
