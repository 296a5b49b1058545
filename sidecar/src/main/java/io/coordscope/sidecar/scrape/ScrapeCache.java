package io.coordscope.sidecar.scrape;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * A target's scrape cache table: series text → entry, where the entry itself holds its text as
 * compact bytes and its hash. A {@code HashMap<String, entry>} cost per series a map node (32 B)
 * and a {@code String} object (24 B) besides the text's bytes; here the entry carries the bytes
 * (one per character when every character is below U+0100, the usual case, else two) and the
 * table is an open-addressing array (linear probing, at most half full). Lookups take the line's
 * {@code String} and compare it with the bytes in place, so a hit allocates nothing.
 *
 * <p>Memory: per entry its text's bytes plus a 16 B array header, 8 B of key fields, and 4 to 8
 * B of table (a power of two, at least twice the entries): the table grows to twice the largest
 * body's series and is only replaced when {@link #retain} drops entries. Not thread-safe: one
 * target's scrapes are serialized.
 *
 * @param <E> the entry type
 */
final class ScrapeCache<E extends ScrapeCache.Entry> {

  /** A cache entry's key: its series text, compact. Subclasses add what the text maps to. */
  abstract static class Entry {
    /** Latin-1 bytes of the text, or its UTF-16 code units (big-endian) when {@link #wide}. */
    private final byte[] text;
    private final int hash;
    private final boolean wide;

    Entry(String seriesText) {
      this.hash = seriesText.hashCode();
      boolean w = false;
      for (int i = 0; i < seriesText.length() && !w; i++) {
        w = seriesText.charAt(i) > 0xff;
      }
      this.wide = w;
      int n = seriesText.length();
      this.text = new byte[w ? 2 * n : n];
      for (int i = 0; i < n; i++) {
        char c = seriesText.charAt(i);
        if (w) {
          text[2 * i] = (byte) (c >>> 8);
          text[2 * i + 1] = (byte) c;
        } else {
          text[i] = (byte) c;
        }
      }
    }

    /** Whether this entry's text is exactly {@code s}. */
    final boolean textEquals(String s, int sHash) {
      if (sHash != hash || s.length() != (wide ? text.length / 2 : text.length)) {
        return false;
      }
      if (wide) {
        for (int i = 0; i < s.length(); i++) {
          if (s.charAt(i) != (char) (((text[2 * i] & 0xff) << 8) | (text[2 * i + 1] & 0xff))) {
            return false;
          }
        }
      } else {
        for (int i = 0; i < s.length(); i++) {
          if (s.charAt(i) != (char) (text[i] & 0xff)) {
            return false;
          }
        }
      }
      return true;
    }

    /** The series text, decoded (diagnostics and tests). */
    final String text() {
      if (!wide) {
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      char[] c = new char[text.length / 2];
      for (int i = 0; i < c.length; i++) {
        c[i] = (char) (((text[2 * i] & 0xff) << 8) | (text[2 * i + 1] & 0xff));
      }
      return new String(c);
    }

    /** Bytes of text held (tests and measurements). */
    final int textBytes() {
      return text.length;
    }
  }

  private Entry[] table = new Entry[16];
  private int size;

  int size() {
    return size;
  }

  /** The entry whose text is {@code seriesText}, or null. */
  @SuppressWarnings("unchecked")
  E get(String seriesText) {
    int h = seriesText.hashCode();
    Entry[] t = table;
    int mask = t.length - 1;
    for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
      Entry e = t[i];
      if (e == null) {
        return null;
      }
      if (e.textEquals(seriesText, h)) {
        return (E) e;
      }
    }
  }

  /** Adds {@code entry}, replacing an entry with the same text. */
  void put(E added) {
    Entry entry = added; // the key's private fields, seen through the base type
    if (2 * (size + 1) > table.length) {
      rehash(table.length * 2);
    }
    Entry[] t = table;
    int mask = t.length - 1;
    for (int i = spread(entry.hash) & mask; ; i = (i + 1) & mask) {
      Entry e = t[i];
      if (e == null) {
        t[i] = entry;
        size++;
        return;
      }
      if (e.hash == entry.hash && Arrays.equals(e.text, entry.text) && e.wide == entry.wide) {
        t[i] = entry;
        return;
      }
    }
  }

  /**
   * Keeps only the entries {@code keep} accepts. Nothing is allocated when all are kept (a scrape
   * like the last one); otherwise the table is rebuilt for the survivors.
   */
  @SuppressWarnings("unchecked")
  void retain(Predicate<? super E> keep) {
    int kept = 0;
    for (Entry e : table) {
      if (e != null && keep.test((E) e)) {
        kept++;
      }
    }
    if (kept == size) {
      return;
    }
    Entry[] old = table;
    table = new Entry[capacityFor(kept)];
    size = 0;
    for (Entry e : old) {
      if (e != null && keep.test((E) e)) {
        insertNew(e);
      }
    }
  }

  void clear() {
    table = new Entry[16];
    size = 0;
  }

  /** Slots in the table (tests: the memory bound). */
  int capacity() {
    return table.length;
  }

  private void rehash(int capacity) {
    Entry[] old = table;
    table = new Entry[capacity];
    size = 0;
    for (Entry e : old) {
      if (e != null) {
        insertNew(e);
      }
    }
  }

  /** Inserts an entry known not to be in the table, which has room. */
  private void insertNew(Entry entry) {
    Entry[] t = table;
    int mask = t.length - 1;
    int i = spread(entry.hash) & mask;
    while (t[i] != null) {
      i = (i + 1) & mask;
    }
    t[i] = entry;
    size++;
  }

  private static int capacityFor(int n) {
    int c = 16;
    while (c < 2 * n) {
      c <<= 1;
    }
    return c;
  }

  /** String hashes of similar texts differ mostly in low bits already; mixing the high ones in guards the mask. */
  private static int spread(int h) {
    return h ^ (h >>> 16);
  }
}
