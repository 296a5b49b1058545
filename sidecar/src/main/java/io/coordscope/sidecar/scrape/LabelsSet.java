package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.model.Labels;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A set of label sets for a target's staleness tracking, reused from scrape to scrape: an
 * open-addressing table (linear probing, at most half full) that {@link #clear()} empties without
 * freeing, so a scrape adds its ~2,000 series without allocating a node each. A {@code HashSet}
 * allocated per scrape lived one interval, long enough to survive young collections and be
 * promoted, then to fill the old generation until a full collection. Labels' hash is cached, and
 * the store's instances compare by identity first. Memory: a table of at most twice the largest
 * scrape's series (rounded up to a power of two), one reference each. Not thread-safe.
 */
final class LabelsSet {

  private Labels[] table = new Labels[16];
  private int size;

  int size() {
    return size;
  }

  boolean contains(Labels l) {
    Labels[] t = table;
    int mask = t.length - 1;
    for (int i = l.hashCode() & mask; ; i = (i + 1) & mask) {
      Labels e = t[i];
      if (e == null) {
        return false;
      }
      if (e == l || e.equals(l)) {
        return true;
      }
    }
  }

  /** Adds; false when an equal label set is already in. */
  boolean add(Labels l) {
    if (2 * (size + 1) > table.length) {
      grow();
    }
    Labels[] t = table;
    int mask = t.length - 1;
    for (int i = l.hashCode() & mask; ; i = (i + 1) & mask) {
      Labels e = t[i];
      if (e == null) {
        t[i] = l;
        size++;
        return true;
      }
      if (e == l || e.equals(l)) {
        return false;
      }
    }
  }

  void addAll(LabelsSet other) {
    other.forEach(this::add);
  }

  void addAll(Iterable<Labels> other) {
    other.forEach(this::add);
  }

  /** Empties the set and keeps its table for the next scrape. */
  void clear() {
    if (size > 0) {
      Arrays.fill(table, null);
      size = 0;
    }
  }

  void forEach(Consumer<Labels> each) {
    for (Labels e : table) {
      if (e != null) {
        each.accept(e);
      }
    }
  }

  /** A copy, for tests. */
  Set<Labels> toSet() {
    Set<Labels> out = new HashSet<>();
    forEach(out::add);
    return out;
  }

  private void grow() {
    Labels[] old = table;
    table = new Labels[old.length * 2];
    size = 0;
    for (Labels e : old) {
      if (e != null) {
        add(e);
      }
    }
  }
}
