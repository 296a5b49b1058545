package io.coordscope.agent.metrics;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A duration histogram the agent records outside Micrometer (the operation durations live in
 * striped histograms, so calls on all cores share no counter), read by the OTLP push and the
 * Micrometer bridge when they collect, never per call. Both read every exported duration through
 * this one view, so the served series, the pushed ones and the bridged ones are the same.
 */
public interface DurationSource {

  /** None: only the Micrometer meters are exported (tests, and an agent without operations). */
  DurationSource NONE =
      new DurationSource() {
        @Override
        public String name() {
          return "";
        }

        @Override
        public String description() {
          return "";
        }

        @Override
        public double[] upperBoundsSeconds() {
          return new double[0];
        }

        @Override
        public void forEach(Consumer<Series> each) {}

        @Override
        public void onSeriesAdded(Consumer<Series> listener) {}
      };

  /** The Micrometer-style name, e.g. {@code coordination.operation.duration} (unit seconds). */
  String name();

  String description();

  /** The finite bucket bounds, ascending; the last bucket (+Inf) follows them. */
  double[] upperBoundsSeconds();

  /** Every series now. */
  void forEach(Consumer<Series> each);

  /** Calls {@code listener} for every series created from now on (cold path: a new label set). */
  void onSeriesAdded(Consumer<Series> listener);

  /** One label set's histogram. */
  interface Series {
    /** Label name to value, as on the endpoint. */
    Map<String, String> tags();

    /** Per bucket (not cumulative), {@link #upperBoundsSeconds} then +Inf. */
    long[] bucketCounts();

    long count();

    double sumSeconds();

    /** The largest duration in the recent window (as the endpoint's {@code _max}). */
    double maxSeconds();
  }
}
