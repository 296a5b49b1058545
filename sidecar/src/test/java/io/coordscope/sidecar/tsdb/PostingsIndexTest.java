package io.coordscope.sidecar.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The index selects exactly what checking every matcher on every series selects (Prometheus's
 * semantics: an absent label matches as ""), in creation order, before and after series are
 * dropped; and it interns label strings, holding only those of stored series.
 */
class PostingsIndexTest {

  private static final String[] NAMES = {"__name__", "job", "le", "op", "zone"};
  private static final String[] VALUES = {"a", "b", "c", "0.1", "0.5", "+Inf", "a.b", "ab", "x|y", ""};
  private static final String[] REGEXES = {".*", ".+", "", "a|b", "0\\.1|0\\.5|\\+Inf", "a.b", "a|", "a.*", "x\\|y",
      "(a|b)", "[ab]", "a|b|c|0\\.1|0\\.5|\\+Inf|a\\.b|ab", "zz", "b|zz"};

  @Test
  void selectionsEqualABruteForceScanForRandomSeriesAndMatchers() {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 20; round++) {
      MemorySeriesStore store = new MemorySeriesStore(Duration.ofMinutes(1), 10_000, 100);
      List<Labels> all = new ArrayList<>();
      List<Long> lastSample = new ArrayList<>();
      int n = 1 + random.nextInt(300);
      for (int i = 0; i < n; i++) {
        Labels.Builder b = Labels.builder();
        for (String name : NAMES) {
          b.set(name, VALUES[random.nextInt(VALUES.length)]);
        }
        Labels l = b.set("id", "" + i).build();
        long t = random.nextInt(120_000);
        store.append(l, t, i);
        all.add(l);
        lastSample.add(t);
      }
      if (random.nextBoolean()) {
        store.truncate(120_000); // drops the series whose only sample is older than one minute
        for (int i = all.size() - 1; i >= 0; i--) {
          if (lastSample.get(i) < 60_000) {
            all.remove(i);
          }
        }
      }
      for (int q = 0; q < 100; q++) {
        List<Matcher> matchers = new ArrayList<>();
        int k = 1 + random.nextInt(3);
        for (int j = 0; j < k; j++) {
          matchers.add(matcher(random));
        }
        List<Labels> expected = all.stream().filter(l -> matchers.stream().allMatch(m -> m.matches(l))).toList();
        assertThat(store.select(0, Long.MAX_VALUE, matchers)).as("%s", matchers).extracting(Series::labels)
            .containsExactlyElementsOf(expected);
      }
    }
  }

  @Test
  void equalLabelStringsAreHeldOnceAndOnlyWhileASeriesUsesThem() {
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofMinutes(1), 100, 100);
    store.append(Labels.of("__name__", new String("up"), "job", new String("api")), 0, 1);
    store.append(Labels.of("__name__", new String("up"), "job", new String("db")), 0, 1);
    List<Series> up = store.select(0, 0, List.of(Matcher.eq("__name__", "up")));
    assertThat(up.get(0).labels().value(0)).isSameAs(up.get(1).labels().value(0));
    assertThat(up.get(0).labels().name(1)).isSameAs(up.get(1).labels().name(1));
    assertThat(store.internedStrings()).isEqualTo(5); // __name__, up, job, api, db
    store.append(Labels.of("__name__", "other", "x", "y"), 90_000, 1);
    store.truncate(90_000);
    assertThat(store.internedStrings()).isEqualTo(4); // __name__, other, x, y
  }

  @Test
  void aSeriesRefAppendsWithoutALookupAndSurvivesItsSeriesBeingDropped() {
    MemorySeriesStore store = new MemorySeriesStore(Duration.ofMinutes(1), 100, 100);
    Labels l = Labels.of("__name__", "up", "job", "api");
    SeriesRef ref = store.appendRef(Labels.of("__name__", "up", "job", "api"), 0, 1);
    assertThat(ref.labels()).isEqualTo(l);
    assertThat(store.append(ref, 1000, 2)).isSameAs(ref);
    store.truncate(200_000); // the series is dropped
    SeriesRef again = store.append(ref, 200_000, 3);
    assertThat(again).isNotSameAs(ref);
    assertThat(store.select(0, Long.MAX_VALUE, List.of(Matcher.eq("job", "api")))).singleElement()
        .satisfies(s -> assertThat(s.values()).containsExactly(3.0));
    assertThat(store.appendRef(Labels.of("__name__", "gone"), 0, StaleMarker.VALUE)).isNull();
  }

  private static Matcher matcher(SplittableRandom random) {
    String name = random.nextInt(8) == 0 ? "missing" : NAMES[random.nextInt(NAMES.length)];
    Matcher.Type type = Matcher.Type.values()[random.nextInt(4)];
    String value = type == Matcher.Type.EQ || type == Matcher.Type.NEQ
        ? VALUES[random.nextInt(VALUES.length)] : REGEXES[random.nextInt(REGEXES.length)];
    return Matcher.of(type, name, value);
  }
}
