package io.coordscope.benchmarks.sidecar;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the benchmark records of one server during and after the measured window. */
final class Measurement {

  final ServerUnderTest server;
  private ProcessStats.Reading first;
  ProcessStats.Reading last;
  long maxRss;
  /** Sum and count of the RSS samples in the window: a collector that uncommits makes the last one only one point of a curve. */
  private double rssSum;
  private int rssSamples;
  int maxThreads;
  double series;
  long rssAfterQueries;
  final List<Double> scrapeDurations = new ArrayList<>();
  final Map<String, List<Double>> ruleGroups = new LinkedHashMap<>();
  final List<Double> rateQueryMillis = new ArrayList<>();
  final List<Double> quantileQueryMillis = new ArrayList<>();
  String rateQueryError = "";
  String quantileQueryError = "";
  /** The sidecar's JVM pauses in the window; empty for Prometheus. */
  final List<GcLog.Pause> gcPauses = new ArrayList<>();
  /** The sidecar's collector CPU time in the window (user + system), seconds. */
  double gcCpuSeconds;
  /** CPU of the collector's threads in the window, concurrent work included ({@link ProcessStats#collectorCpuSeconds}). */
  double collectorThreadsCpuSeconds;
  private double collectorThreadsFirst;
  /** Prometheus's Go collector pause summary (median, max of recent cycles), seconds; NaN for the sidecar. */
  double goGcMedian = Double.NaN;
  double goGcMax = Double.NaN;

  Measurement(ServerUnderTest server) {
    this.server = server;
  }

  void start() throws IOException {
    first = ProcessStats.read(server.handle());
    collectorThreadsFirst = ProcessStats.collectorCpuSeconds(server.handle());
    if (server.gcLog != null) {
      server.gcLog.mark();
    }
  }

  void sampleResources() {
    ProcessStats.Reading r = ProcessStats.read(server.handle());
    maxRss = Math.max(maxRss, r.rssBytes());
    rssSum += r.rssBytes();
    rssSamples++;
    maxThreads = Math.max(maxThreads, r.threads());
  }

  /** The mean of the RSS samples taken in the window, bytes (the last reading when none was). */
  double meanRss() {
    return rssSamples == 0 ? last.rssBytes() : rssSum / rssSamples;
  }

  void sampleRules() throws IOException {
    server.ruleGroupDurations().forEach((g, v) -> ruleGroups.computeIfAbsent(g, k -> new ArrayList<>()).add(v));
  }

  void finish(long windowSeconds) throws IOException {
    last = ProcessStats.read(server.handle());
    collectorThreadsCpuSeconds = ProcessStats.collectorCpuSeconds(server.handle()) - collectorThreadsFirst;
    series = server.series();
    if (server.gcLog != null) {
      GcLog.Window w = server.gcLog.sinceMark();
      gcPauses.addAll(w.pauses());
      gcCpuSeconds = w.cpuSeconds();
    } else {
      goGcMedian = server.metric("go_gc_duration_seconds{quantile=\"0.5\"}");
      goGcMax = server.metric("go_gc_duration_seconds{quantile=\"1\"}");
    }
    scrapeDurations.addAll(ServerUnderTest.matrixValues(
        server.query("scrape_duration_seconds{job=\"coordscope\"}[" + windowSeconds + "s]")));
  }

  double cpuSeconds() {
    return last.cpuSeconds() - first.cpuSeconds();
  }

  void runQueries() throws IOException {
    ServerUnderTest.Answer a = server.timedQuery(LoadBenchmark.RATE_QUERY);
    rateQueryMillis.add(a.millis());
    rateQueryError = a.status() == 200 ? rateQueryError : error(a);
    ServerUnderTest.Answer b = server.timedQuery(LoadBenchmark.QUANTILE_QUERY);
    quantileQueryMillis.add(b.millis());
    quantileQueryError = b.status() == 200 ? quantileQueryError : error(b);
  }

  private static String error(ServerUnderTest.Answer a) {
    return a.status() < 0 ? "no answer in 3 min" : "HTTP " + a.status();
  }

  void afterQueries() {
    rssAfterQueries = ProcessStats.read(server.handle()).rssBytes();
  }
}
