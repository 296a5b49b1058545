package io.coordscope.sidecar.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemorySeriesStoreTest {

  private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
  private static final Labels UP_B = Labels.of("__name__", "up", "job", "b");
  private static final List<Matcher> UP = List.of(Matcher.eq("__name__", "up"));

  private final MemorySeriesStore store = new MemorySeriesStore(Duration.ofMinutes(10), 3, 4);

  @Test
  void selectReturnsTheSamplesInTheInclusiveRange() {
    for (long t = 0; t <= 3000; t += 1000) {
      store.append(UP_A, t, t / 1000.0);
    }
    Series s = store.select(1000, 2000, UP).get(0);
    assertThat(s.labels()).isEqualTo(UP_A);
    assertThat(s.timestamps()).containsExactly(1000, 2000);
    assertThat(s.values()).containsExactly(1.0, 2.0);
    assertThat(store.select(3001, 9000, UP)).isEmpty();
  }

  @Test
  void selectLatestReturnsOnlyTheNewestSampleInRange() {
    for (long t = 0; t <= 3000; t += 1000) {
      store.append(UP_A, t, t);
    }
    Series s = store.selectLatest(0, 2500, UP).get(0);
    assertThat(s.timestamps()).containsExactly(2000);
    assertThat(s.values()).containsExactly(2000.0);
    Queryable viaDefault = store::select; // the interface's default must agree with the store's override
    assertThat(viaDefault.selectLatest(0, 2500, UP).get(0).timestamps()).containsExactly(2000);
  }

  @Test
  void selectFiltersByEveryMatcherAndKeepsCreationOrder() {
    store.append(UP_B, 0, 1);
    store.append(UP_A, 0, 1);
    store.append(Labels.of("__name__", "other", "job", "a"), 0, 1);
    assertThat(store.select(0, 0, UP)).extracting(Series::labels).containsExactly(UP_B, UP_A);
    assertThat(store.select(0, 0, List.of(Matcher.of(Matcher.Type.RE, "__name__", "up|other"), Matcher.eq("job", "a"))))
        .extracting(s -> s.labels().metricName()).containsExactly("up", "other");
  }

  @Test
  void selectEachHandsOutWhatSelectReturnsOneSeriesAtATime() {
    for (long t = 0; t <= 5000; t += 1000) {
      store.append(UP_B, t, t);
      store.append(UP_A, t, -t);
    }
    List<Series> all = store.select(1000, 4000, UP);
    List<Series> each = new java.util.ArrayList<>();
    long[] charged = {0};
    SampleBudget budget = n -> charged[0] += n;
    store.selectEach(1000, 4000, UP, budget, s -> {
      // the next series is loaded only after this one was handled
      assertThat(charged[0]).isEqualTo(3L * (each.size() + 1)); // 2000..4000: the cap of 4 dropped 0 and 1000
      each.add(s);
    });
    assertThat(each).hasSize(2);
    for (int i = 0; i < all.size(); i++) {
      assertThat(each.get(i).labels()).isEqualTo(all.get(i).labels());
      assertThat(each.get(i).timestamps()).containsExactly(all.get(i).timestamps());
      assertThat(each.get(i).values()).containsExactly(all.get(i).values());
    }
    Queryable viaDefault = store::select; // the interface's default agrees
    List<Series> viaDefaultEach = new java.util.ArrayList<>();
    viaDefault.selectEach(1000, 4000, UP, SampleBudget.UNLIMITED, viaDefaultEach::add);
    assertThat(viaDefaultEach).extracting(Series::labels).containsExactly(all.get(0).labels(), all.get(1).labels());
  }

  @Test
  void snapshotsDoNotChangeWhenTheSeriesGrows() {
    store.append(UP_A, 0, 1);
    Series before = store.select(0, 100, UP).get(0);
    store.append(UP_A, 50, 2);
    assertThat(before.size()).isEqualTo(1);
    assertThat(store.select(0, 100, UP).get(0).size()).isEqualTo(2);
  }

  @Test
  void outOfOrderAndDuplicateSamplesAreIgnored() {
    store.append(UP_A, 1000, 1);
    store.append(UP_A, 1000, 2);
    store.append(UP_A, 500, 3);
    Series s = store.select(0, 2000, UP).get(0);
    assertThat(s.timestamps()).containsExactly(1000);
    assertThat(s.values()).containsExactly(1.0);
  }

  @Test
  void theSeriesLimitRefusesNewSeriesButNotNewSamples() {
    store.append(UP_A, 0, 1);
    store.append(UP_B, 0, 1);
    store.append(Labels.of("__name__", "up", "job", "c"), 0, 1);
    assertThatThrownBy(() -> store.append(Labels.of("__name__", "up", "job", "d"), 0, 1))
        .isInstanceOf(SeriesLimitException.class).hasMessageContaining("series limit of 3");
    store.append(UP_A, 1000, 2);
    assertThat(store.seriesCount()).isEqualTo(3);
  }

  @Test
  void eachSeriesKeepsAtMostItsSampleLimitDroppingTheOldest() {
    for (int t = 0; t < 10; t++) {
      store.append(UP_A, t, t);
    }
    assertThat(store.select(0, 100, UP).get(0).timestamps()).containsExactly(6, 7, 8, 9);
  }

  @Test
  void truncateDropsSamplesOutsideRetentionAndEmptySeries() {
    long min = 60_000;
    store.append(UP_A, 0, 1);
    store.append(UP_A, 10 * min, 2);
    store.append(UP_B, 0, 1);
    store.truncate(15 * min);
    assertThat(store.seriesCount()).isEqualTo(1);
    assertThat(store.select(0, 20 * min, UP)).singleElement().satisfies(s -> assertThat(s.timestamps()).containsExactly(10 * min));
    store.append(UP_B, 16 * min, 3); // a dropped series can come back
    assertThat(store.seriesCount()).isEqualTo(2);
  }

  @Test
  void aStaleMarkerForAnUnknownSeriesCreatesNothing() {
    store.append(UP_A, 0, StaleMarker.VALUE);
    assertThat(store.seriesCount()).isZero();
    store.append(UP_A, 0, 1);
    store.append(UP_A, 1, StaleMarker.VALUE);
    assertThat(StaleMarker.is(store.select(0, 1, UP).get(0).values()[1])).isTrue();
  }

  @Test
  void concurrentAppendsQueriesAndTruncationLoseNoSeries() throws Exception {
    MemorySeriesStore big = new MemorySeriesStore(Duration.ofMinutes(1), 10_000, 100);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> work = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int worker = w;
      work.add(pool.submit(() -> {
        for (int i = 0; i < 2000; i++) {
          big.append(Labels.of("__name__", "m", "w", "" + worker, "i", "" + (i % 500)), 100_000 + i, i);
        }
      }));
    }
    work.add(pool.submit(() -> {
      for (int i = 0; i < 200; i++) {
        big.select(0, Long.MAX_VALUE, List.of(Matcher.eq("__name__", "m")));
        big.truncate(100_000); // retention keeps everything at or after 40s: nothing may be lost
      }
    }));
    for (Future<?> f : work) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(big.seriesCount()).isEqualTo(1500);
    assertThat(big.select(0, Long.MAX_VALUE, List.of(Matcher.eq("__name__", "m")))).hasSize(1500)
        .allSatisfy(s -> assertThat(s.size()).isEqualTo(4));
  }
}
