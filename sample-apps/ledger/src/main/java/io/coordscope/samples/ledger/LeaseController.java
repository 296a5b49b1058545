package io.coordscope.samples.ledger;

import io.coordscope.samples.common.FaultSwitch;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP face of the ledger: {@code POST/DELETE /leases/{item}}, {@code /fault}, {@code /-/healthy}. */
@RestController
public class LeaseController {

  private final LeaseTable table;
  private final FaultSwitch fault;

  public LeaseController(LeaseTable table, FaultSwitch fault) {
    this.table = table;
    this.fault = fault;
  }

  @PostMapping("/leases/{item}")
  public ResponseEntity<String> acquire(
      @PathVariable("item") String item,
      @RequestParam("holder") String holder,
      @RequestParam(name = "ttl_ms", defaultValue = "30000") long ttlMillis) {
    if (ttlMillis < 1 || ttlMillis > 3_600_000) {
      return ResponseEntity.badRequest().body("ttl_ms=" + ttlMillis + " is not allowed: 1 to 3600000\n");
    }
    try {
      return table.acquire(item, holder, ttlMillis)
          ? ResponseEntity.ok("leased " + item + " to " + holder + "\n")
          : ResponseEntity.status(HttpStatus.CONFLICT).body(item + " is leased by another holder\n");
    } catch (FaultSwitch.InjectedFaultException e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(e.getMessage() + "\n");
    }
  }

  @DeleteMapping("/leases/{item}")
  public ResponseEntity<String> release(
      @PathVariable("item") String item, @RequestParam("holder") String holder) {
    return table.release(item, holder)
        ? ResponseEntity.ok("released\n")
        : ResponseEntity.status(HttpStatus.NOT_FOUND).body("no lease of " + holder + " on " + item + "\n");
  }

  @PostMapping("/fault")
  public ResponseEntity<String> setFault(
      @RequestParam(name = "errors", required = false) String errors,
      @RequestParam(name = "latency_ms", required = false) String latencyMs) {
    try {
      fault.set(errors, latencyMs);
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest().body(e.getMessage() + "\n");
    }
    return ResponseEntity.ok(fault.toJson() + "\n");
  }

  @GetMapping("/fault")
  public String getFault() {
    return fault.toJson() + "\n";
  }

  @GetMapping("/-/healthy")
  public String healthy() {
    return "ok\n";
  }
}
