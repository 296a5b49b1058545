package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The scrape cache's table: a map from series text to entry, keys held as compact bytes. */
class ScrapeCacheTableTest {

  private static final class E extends ScrapeCache.Entry {
    final int id;

    E(String text, int id) {
      super(text);
      this.id = id;
    }
  }

  @Test
  void textsRoundTripInBothEncodingsAndMatchOnlyThemselves() {
    List<String> texts = List.of("", "m", "m{le=\"0.5\",op=\"a\"}", "m{v=\"caf\u00e9 \u00ff\"}", "m{v=\"\u20ac\"}",
        "m{v=\"\ud83d\ude00\"}", "m{v=\"\u0100\"}", "m{v=\"\u0000\"}");
    ScrapeCache<E> cache = new ScrapeCache<>();
    for (int i = 0; i < texts.size(); i++) {
      cache.put(new E(texts.get(i), i));
    }
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      E e = cache.get(new String(t.toCharArray())); // an equal, not the same, string
      assertThat(e).isNotNull();
      assertThat(e.id).isEqualTo(i);
      assertThat(e.text()).isEqualTo(t);
    }
    assertThat(new E("m{le=\"1\"}", 0).textBytes()).isEqualTo(9); // one byte per character below U+0100
    assertThat(new E("\u20ac1", 0).textBytes()).isEqualTo(4); // else two
    // the Latin-1 text whose bytes are the wide key's: not a match
    cache.put(new E("\u20ac", 99));
    assertThat(cache.get(" \u00ac")).isNull();
    assertThat(cache.get("\u20ac").id).isEqualTo(99);
    assertThat(cache.get("m{le=\"0.5\",op=\"b\"}")).isNull();
    assertThat(cache.size()).isEqualTo(texts.size() + 1);
  }

  @Test
  void equalHashesAreToldApart() {
    // "Aa" and "BB" hash alike, so every string of n such blocks has the same hash as the others
    List<String> colliding = new ArrayList<>();
    for (int bits = 0; bits < 256; bits++) {
      StringBuilder sb = new StringBuilder("m{x=\"");
      for (int i = 0; i < 8; i++) {
        sb.append((bits >> i & 1) == 0 ? "Aa" : "BB");
      }
      colliding.add(sb.append("\"}").toString());
    }
    assertThat(colliding.stream().mapToInt(String::hashCode).distinct().count()).isEqualTo(1);
    ScrapeCache<E> cache = new ScrapeCache<>();
    for (int i = 0; i < colliding.size(); i++) {
      cache.put(new E(colliding.get(i), i));
    }
    for (int i = 0; i < colliding.size(); i++) {
      assertThat(cache.get(colliding.get(i)).id).isEqualTo(i);
    }
    cache.retain(e -> e.id % 3 == 0);
    for (int i = 0; i < colliding.size(); i++) {
      E e = cache.get(colliding.get(i));
      assertThat(e == null ? -1 : e.id).isEqualTo(i % 3 == 0 ? i : -1);
    }
  }

  @Test
  void agreesWithAHashMapAcrossPutsReplacementsRetainsAndClears() {
    SplittableRandom random = new SplittableRandom(13);
    ScrapeCache<E> cache = new ScrapeCache<>();
    Map<String, Integer> reference = new HashMap<>();
    int id = 0;
    for (int round = 0; round < 30; round++) {
      int n = random.nextInt(4000);
      for (int i = 0; i < n; i++) {
        String text = "m_bucket{le=\"" + random.nextInt(5000) + "\",op=\"o\u00e9\"}";
        cache.put(new E(text, ++id)); // an existing text is replaced, as Map.put
        reference.put(text, id);
      }
      assertThat(cache.size()).isEqualTo(reference.size());
      int mod = 2 + random.nextInt(3);
      if (round % 7 == 6) {
        cache.clear();
        reference.clear();
      } else {
        cache.retain(e -> e.id % mod != 0);
        reference.values().removeIf(v -> v % mod == 0);
      }
      assertThat(cache.size()).isEqualTo(reference.size());
      for (int i = 0; i < 200; i++) {
        String probe = "m_bucket{le=\"" + random.nextInt(6000) + "\",op=\"o\u00e9\"}";
        E e = cache.get(probe);
        assertThat(e == null ? null : e.id).isEqualTo(reference.get(probe));
      }
      // the bound: at most half full, and never more than four slots per entry once rebuilt
      assertThat(cache.capacity()).isGreaterThanOrEqualTo(2 * cache.size());
    }
  }

  @Test
  void retainingEverythingKeepsTheTableAndDroppingRebuildsItSmall() {
    ScrapeCache<E> cache = new ScrapeCache<>();
    for (int i = 0; i < 10_000; i++) {
      cache.put(new E("m{i=\"" + i + "\"}", i));
    }
    int capacity = cache.capacity();
    assertThat(capacity).isBetween(20_000, 40_000);
    cache.retain(e -> true);
    assertThat(cache.capacity()).isEqualTo(capacity);
    cache.retain(e -> e.id < 100);
    assertThat(cache.size()).isEqualTo(100);
    assertThat(cache.capacity()).isLessThanOrEqualTo(4 * 100);
    assertThat(cache.get("m{i=\"99\"}").id).isEqualTo(99);
    assertThat(cache.get("m{i=\"100\"}")).isNull();
  }
}
