package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Matcher;
import java.util.List;

/** Read side of the storage, what PromQL evaluation needs. */
public interface Queryable {

  /**
   * The series matching every matcher, each with its samples in {@code [minTime, maxTime]}
   * (milliseconds, inclusive). Series with no sample in the range are left out. Order unspecified.
   */
  List<Series> select(long minTime, long maxTime, List<Matcher> matchers);
}
