package io.coordscope.sidecar.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.sidecar.promql.Engine;
import io.coordscope.sidecar.promql.Vector;
import io.coordscope.sidecar.scrape.ExpositionServer.Reply;
import io.coordscope.sidecar.testing.FakeClock;
import io.coordscope.sidecar.tsdb.MemorySeriesStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scrapes into the real in-memory store, read back through PromQL as rules will read them. */
class ScrapeIntoStoreTest {

  private static final long T0 = 1_700_000_000_000L;

  private ExpositionServer server;
  private ScrapeManager manager;
  private MemorySeriesStore store;

  @BeforeEach
  void setUp() throws Exception {
    server = new ExpositionServer();
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private void start(int maxSeries) {
    store = new MemorySeriesStore(Duration.ofHours(1), maxSeries);
    manager = new ScrapeManager(store, new FakeClock(T0));
    manager.apply(List.of(ScrapeConfig.ofStatic("agent", Duration.ofSeconds(15), List.of(server.address()))));
  }

  private double value(String query, long t) {
    Vector v = (Vector) new Engine(store).instant(query, t);
    return v.size() == 1 ? v.samples().get(0).value() : Double.NaN;
  }

  private int count(String query, long t) {
    return ((Vector) new Engine(store).instant(query, t)).size();
  }

  @Test
  void stalenessHidesVanishedSeriesAndFailedTargetsAtOnce() throws Exception {
    start(1000);
    server.reply = Reply.text("jobs_total 10\nqueue_depth 3\n");
    manager.scrapeAllOnce(T0);
    server.reply = Reply.text("jobs_total 25\n");
    manager.scrapeAllOnce(T0 + 15_000);

    assertThat(value("jobs_total{job=\"agent\"}", T0 + 20_000)).isEqualTo(25.0);
    assertThat(count("queue_depth", T0 + 14_000)).isEqualTo(1);
    assertThat(count("queue_depth", T0 + 20_000)).isZero(); // without the marker: visible for 5 minutes
    assertThat(value("increase(jobs_total[1m])", T0 + 15_000)).isGreaterThan(15.0);

    server.close();
    manager.scrapeAllOnce(T0 + 30_000);
    assertThat(value("up", T0 + 31_000)).isZero();
    assertThat(count("jobs_total", T0 + 31_000)).isZero();
  }

  @Test
  void theStoresSeriesLimitDropsSamplesButKeepsTheTargetUp() throws Exception {
    start(2); // two of the three exposed series (the report series live in the reserve)
    server.reply = Reply.text("");
    manager.scrapeAllOnce(T0 - 15_000);
    server.reply = Reply.text("a 1\nb 2\nc 3\n");
    manager.scrapeAllOnce(T0);

    TargetStatus s = manager.targets().get(0);
    assertThat(s.health()).isEqualTo(TargetHealth.UP);
    assertThat(s.lastError()).isEqualTo("1 samples dropped: the storage's series limit is reached");
    assertThat(manager.stats().seriesLimitDropped()).isEqualTo(1);
    assertThat(count("{__name__=~\"a|b|c\"}", T0)).isEqualTo(2);
    assertThat(value("up", T0)).isEqualTo(1.0);
  }
}
