package io.coordscope.samples.worker;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.OpAttribute;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The worker's calls to the ledger (leases) and the coordinator (completion). */
final class Peers {

  /** A lease outlives a slow item by far; it only protects against a worker that died. */
  static final long LEASE_TTL_MS = 30_000;

  private final String coordinator;
  private final String ledger;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Peers(String coordinator, String ledger) {
    this.coordinator = coordinator;
    this.ledger = ledger;
  }

  @CoordinationOp(value = "lease.acquire", kind = "lease")
  void acquireLease(@OpAttribute("work.item") String item, @OpAttribute("lease.holder") String holder) {
    int status = post(ledger + "/leases/" + enc(item) + "?holder=" + enc(holder) + "&ttl_ms=" + LEASE_TTL_MS);
    if (status == 409) {
      throw new LeaseConflictException(item + " is leased by another worker");
    }
    if (status != 200) {
      throw new IllegalStateException("ledger answered " + status + " for the lease on " + item);
    }
  }

  void releaseLease(String item, String holder) {
    send(HttpRequest.newBuilder(URI.create(ledger + "/leases/" + enc(item) + "?holder=" + enc(holder))).DELETE());
  }

  void complete(String item, String worker) {
    int status = post(coordinator + "/complete?item=" + enc(item) + "&worker=" + enc(worker));
    if (status != 200) {
      throw new IllegalStateException("coordinator answered " + status + " to the completion of " + item);
    }
  }

  private int post(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private int send(HttpRequest.Builder request) {
    try {
      return client
          .send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new IllegalStateException("peer unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static final class LeaseConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseConflictException(String message) {
      super(message);
    }
  }
}
