package io.coordscope.samples.ledger;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.Kpi;
import io.coordscope.annotations.OpAttribute;
import io.coordscope.samples.common.FaultSwitch;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Leases by item: a holder and an expiry. Expired leases are free to take again. */
@Component
public class LeaseTable {

  /** Bounds memory: beyond this many live leases new ones are refused. */
  static final int MAX_LEASES = 100_000;

  private final Map<String, Lease> leases = new HashMap<>();
  private final FaultSwitch fault;
  private final LongSupplier clockMillis;
  private long granted;
  private long conflicts;

  @Autowired
  public LeaseTable(FaultSwitch fault) {
    this(fault, System::currentTimeMillis);
  }

  LeaseTable(FaultSwitch fault, LongSupplier clockMillis) {
    this.fault = fault;
    this.clockMillis = clockMillis;
  }

  private record Lease(String holder, long expiresAt) {}

  /** Grants (or renews, for the same holder) the lease; false when another holder has it. */
  @CoordinationOp(value = "lease.grant", kind = "lease")
  public synchronized boolean acquire(
      @OpAttribute("work.item") String item,
      @OpAttribute("lease.holder") String holder,
      long ttlMillis) {
    fault.apply("lease.grant");
    long now = clockMillis.getAsLong();
    Lease current = leases.get(item);
    if (current != null && current.expiresAt > now && !current.holder.equals(holder)) {
      conflicts++;
      return false;
    }
    if (current == null && leases.size() >= MAX_LEASES) {
      throw new IllegalStateException("lease table full: " + MAX_LEASES + " leases");
    }
    leases.put(item, new Lease(holder, now + ttlMillis));
    granted++;
    return true;
  }

  @CoordinationOp(value = "lease.release", kind = "lease")
  public synchronized boolean release(@OpAttribute("work.item") String item, String holder) {
    Lease current = leases.get(item);
    if (current == null || !current.holder.equals(holder)) {
      return false;
    }
    leases.remove(item);
    return true;
  }

  /** Drops expired leases and records the KPIs, once a second. */
  @Scheduled(fixedDelay = 1000)
  public void sweep() {
    synchronized (this) {
      long now = clockMillis.getAsLong();
      for (Iterator<Lease> it = leases.values().iterator(); it.hasNext(); ) {
        if (it.next().expiresAt <= now) {
          it.remove();
        }
      }
    }
    activeLeases();
    conflictRatio();
  }

  @Kpi(value = "active_leases", unit = "leases")
  public synchronized int activeLeases() {
    return leases.size();
  }

  @Kpi(value = "lease_conflict_ratio", unit = "ratio")
  public synchronized double conflictRatio() {
    long total = granted + conflicts;
    return total == 0 ? 0 : (double) conflicts / total;
  }
}
