package io.coordscope.sidecar.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' view: nothing in it (no targets, rules, alerts, health; every query an empty
 * vector), ready. Tests override what they fill in; its queries can be held until
 * {@link #release} (a busy engine).
 */
public class StubView implements SidecarView {

  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger running = new AtomicInteger();
  volatile boolean holdQueries;

  @Override
  public List<TargetView> targets() {
    return List.of();
  }

  @Override
  public List<RuleGroupView> ruleGroups() {
    return List.of();
  }

  @Override
  public List<AlertView> alerts() {
    return List.of();
  }

  @Override
  public Map<String, Object> status() {
    return Map.of();
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public QueryResult query(String expr, long timeMillis) throws QueryException {
    running.incrementAndGet();
    try {
      if (holdQueries && !release.await(30, TimeUnit.SECONDS)) {
        throw new QueryException("timeout", "test never released the query");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.decrementAndGet();
    }
    return new QueryResult("vector", List.of());
  }

  @Override
  public Optional<String> reload() {
    return Optional.empty();
  }
}
