package io.coordscope.sidecar.tsdb;

import io.coordscope.sidecar.model.Matcher;
import java.util.List;
import java.util.function.Consumer;

/** Read side of the storage, what PromQL evaluation needs. */
public interface Queryable {

  /**
   * The series matching every matcher, each with its samples in {@code [minTime, maxTime]}
   * (milliseconds, inclusive). Series with no sample in the range are left out. Order unspecified.
   */
  List<Series> select(long minTime, long maxTime, List<Matcher> matchers);

  /**
   * Like {@link #select}, but each series carries only its newest sample in the range (what an
   * instant vector selector needs). Stores override this to avoid copying whole windows.
   */
  default List<Series> selectLatest(long minTime, long maxTime, List<Matcher> matchers) {
    List<Series> all = select(minTime, maxTime, matchers);
    List<Series> out = new java.util.ArrayList<>(all.size());
    for (Series s : all) {
      int last = s.size() - 1;
      out.add(new Series(s.labels(), new long[] {s.timestamps()[last]}, new double[] {s.values()[last]}));
    }
    return out;
  }

  /**
   * {@link #select} or {@link #selectLatest}, charging {@code budget} for every series' samples as
   * they are loaded. Stores override this to charge before copying the next series; the default
   * charges after the whole selection.
   */
  default List<Series> select(long minTime, long maxTime, List<Matcher> matchers, boolean latestOnly,
      SampleBudget budget) {
    List<Series> out = latestOnly ? selectLatest(minTime, maxTime, matchers) : select(minTime, maxTime, matchers);
    for (Series s : out) {
      budget.charge(s.size());
    }
    return out;
  }

  /**
   * The series of {@link #select(long, long, List, boolean, SampleBudget) select(minTime, maxTime,
   * matchers, false, budget)}, in the same order and charged the same, handed to {@code each} one
   * at a time: a caller that folds each window into one value (a range function) holds one
   * window at a time, not all of them. Stores override this to load the next series only after
   * {@code each} returned; the default selects them all first.
   */
  default void selectEach(long minTime, long maxTime, List<Matcher> matchers, SampleBudget budget,
      Consumer<Series> each) {
    select(minTime, maxTime, matchers, false, budget).forEach(each);
  }
}
