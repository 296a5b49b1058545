package io.coordscope.sidecar.otlp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** The receiver's counters, for the sidecar's own {@code /metrics}. */
final class OtlpStats {

  /** The answers counted by status code, in this order. */
  static final int[] STATUSES = {200, 400, 405, 413, 415, 429, 503};

  private final AtomicLongArray requests = new AtomicLongArray(STATUSES.length);
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();

  void answered(int status) {
    for (int i = 0; i < STATUSES.length; i++) {
      if (STATUSES[i] == status) {
        requests.incrementAndGet(i);
        return;
      }
    }
  }

  long requests(int status) {
    for (int i = 0; i < STATUSES.length; i++) {
      if (STATUSES[i] == status) {
        return requests.get(i);
      }
    }
    return 0;
  }
}
