package io.coordscope.sidecar.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * An immutable label set, sorted by name, as Prometheus keeps it. The metric name is the label
 * {@code __name__}. An absent label and a label with an empty value are the same thing, as in
 * Prometheus: empty values are dropped on construction.
 */
public final class Labels implements Comparable<Labels> {

  public static final String METRIC_NAME = "__name__";
  public static final Labels EMPTY = new Labels(new String[0]);

  /** name0, value0, name1, value1, ... sorted by name. */
  private final String[] kv;
  private final int hash;

  private Labels(String[] kv) {
    this.kv = kv;
    this.hash = Arrays.hashCode(kv);
  }

  /** Labels from alternating names and values; later duplicates win; empty values are dropped. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("odd number of names and values");
    }
    Builder b = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  public static Labels fromMap(Map<String, String> map) {
    Builder b = builder();
    map.forEach(b::set);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.map.put(kv[i], kv[i + 1]);
    }
    return b;
  }

  /** The value of a label, or {@code ""} when absent (Prometheus semantics). */
  public String get(String name) {
    for (int i = 0; i < kv.length; i += 2) {
      int c = kv[i].compareTo(name);
      if (c == 0) {
        return kv[i + 1];
      }
      if (c > 0) {
        break;
      }
    }
    return "";
  }

  public boolean has(String name) {
    return !get(name).isEmpty();
  }

  public String metricName() {
    return get(METRIC_NAME);
  }

  public int size() {
    return kv.length / 2;
  }

  public String name(int i) {
    return kv[2 * i];
  }

  public String value(int i) {
    return kv[2 * i + 1];
  }

  public Labels without(String... names) {
    return filter(names, false);
  }

  public Labels withoutMetricName() {
    return has(METRIC_NAME) ? without(METRIC_NAME) : this;
  }

  /** Only the named labels. */
  public Labels keep(Iterable<String> names) {
    java.util.List<String> list = new ArrayList<>();
    names.forEach(list::add);
    return filter(list.toArray(new String[0]), true);
  }

  /** The labels whose name is (keep) or is not (!keep) among {@code names}; works on the sorted array directly. */
  private Labels filter(String[] names, boolean keep) {
    boolean[] take = new boolean[kv.length / 2];
    int n = 0;
    for (int i = 0; i < take.length; i++) {
      boolean listed = false;
      for (String name : names) {
        if (kv[2 * i].equals(name)) {
          listed = true;
          break;
        }
      }
      take[i] = listed == keep;
      n += take[i] ? 1 : 0;
    }
    if (n == take.length) {
      return this;
    }
    if (n == 0) {
      return EMPTY;
    }
    String[] out = new String[2 * n];
    int j = 0;
    for (int i = 0; i < take.length; i++) {
      if (take[i]) {
        out[j++] = kv[2 * i];
        out[j++] = kv[2 * i + 1];
      }
    }
    return new Labels(out);
  }

  public Map<String, String> toMap() {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  public List<String> names() {
    List<String> out = new ArrayList<>(size());
    for (int i = 0; i < kv.length; i += 2) {
      out.add(kv[i]);
    }
    return out;
  }

  /**
   * The same labels with every name and value replaced by the equal string {@code names} or {@code
   * values} returns (e.g. an interned copy); {@code values} gets the replaced name too. Order and
   * hash are unchanged; returns {@code this} when nothing was replaced.
   */
  public Labels withStrings(UnaryOperator<String> names, BinaryOperator<String> values) {
    String[] out = null;
    for (int i = 0; i < kv.length; i += 2) {
      String name = names.apply(kv[i]);
      String value = values.apply(name, kv[i + 1]);
      if (!name.equals(kv[i]) || !value.equals(kv[i + 1])) {
        throw new IllegalArgumentException("withStrings must return equal strings: " + kv[i] + "=" + kv[i + 1]);
      }
      if (out == null && (name != kv[i] || value != kv[i + 1])) {
        out = kv.clone();
      }
      if (out != null) {
        out[i] = name;
        out[i + 1] = value;
      }
    }
    return out == null ? this : new Labels(out);
  }

  /**
   * Cheap for the store's lookups: the cached hash rejects almost every unequal set, and the
   * strings of two sets that share interned strings compare by identity first.
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Labels l && l.hash == hash && Arrays.equals(l.kv, kv);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Prometheus order: label by label, name then value; a shorter prefix sorts first. */
  @Override
  public int compareTo(Labels o) {
    int n = Math.min(kv.length, o.kv.length);
    for (int i = 0; i < n; i++) {
      int c = kv[i].compareTo(o.kv[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(kv.length, o.kv.length);
  }

  /** {@code name{a="b", c="d"}} with Go-style escaping of values, as Prometheus prints them. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    String name = metricName();
    sb.append(name).append('{');
    boolean first = true;
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i].equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(kv[i]).append("=\"");
      escape(kv[i + 1], sb);
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  private static void escape(String v, StringBuilder sb) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
  }

  /** Mutable builder; {@link #build()} sorts and drops empty values. */
  public static final class Builder {
    private final TreeMap<String, String> map = new TreeMap<>();

    public Builder set(String name, String value) {
      if (value == null || value.isEmpty()) {
        map.remove(name);
      } else {
        map.put(name, value);
      }
      return this;
    }

    public Builder remove(String name) {
      map.remove(name);
      return this;
    }

    public String get(String name) {
      return map.getOrDefault(name, "");
    }

    public Labels build() {
      if (map.isEmpty()) {
        return EMPTY;
      }
      String[] kv = new String[map.size() * 2];
      int i = 0;
      for (Map.Entry<String, String> e : map.entrySet()) {
        kv[i++] = e.getKey();
        kv[i++] = e.getValue();
      }
      return new Labels(kv);
    }
  }
}
