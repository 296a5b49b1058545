package io.coordscope.agent.it.app.boot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The MVC routes: the SERVER span's {@code http.route} is their pattern. */
@RestController
public class LeaseController {

  private final LeaseService leases;

  public LeaseController(LeaseService leases) {
    this.leases = leases;
  }

  @GetMapping("/leases/{id}")
  public String take(@PathVariable("id") String id) {
    return leases.take(id);
  }

  @GetMapping("/leases/{id}/boom")
  public String boom(@PathVariable("id") String id) {
    throw new IllegalStateException("lease " + id + " is broken");
  }
}
