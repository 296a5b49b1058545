package io.coordscope.sidecar.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent scores of each service, for the status page's sparklines. Bounded: at most {@link
 * #MAX_POINTS} points per service and {@link #MAX_SERVICES} services (a service that stops
 * reporting is dropped once its newest point is older than the window).
 */
public final class HistoryRing {

  public static final int MAX_POINTS = 240;
  public static final int MAX_SERVICES = 200;

  /** One point; score NaN = UNKNOWN at that time. */
  public record Point(long timeMillis, double score) {}

  private final Map<String, Deque<Point>> byService = new HashMap<>();

  /** Adds a point and forgets points older than {@code windowMillis} before it. */
  public synchronized void add(String service, long t, double score, long windowMillis) {
    Deque<Point> d = byService.get(service);
    if (d == null) {
      if (byService.size() >= MAX_SERVICES) {
        return;
      }
      d = new ArrayDeque<>();
      byService.put(service, d);
    }
    d.addLast(new Point(t, score));
    while (d.size() > MAX_POINTS || (!d.isEmpty() && d.peekFirst().timeMillis() < t - windowMillis)) {
      d.removeFirst();
    }
  }

  /** Drops services without a point since {@code oldestMillis}. */
  public synchronized void expire(long oldestMillis) {
    byService.values().removeIf(d -> d.isEmpty() || d.peekLast().timeMillis() < oldestMillis);
  }

  public synchronized List<Point> points(String service) {
    Deque<Point> d = byService.get(service);
    return d == null ? List.of() : new ArrayList<>(d);
  }
}
