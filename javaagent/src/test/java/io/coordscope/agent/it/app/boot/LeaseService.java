package io.coordscope.agent.it.app.boot;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.OpAttribute;
import org.springframework.stereotype.Service;

/** The coordination operation that nests under the request's SERVER span. */
@Service
public class LeaseService {

  @CoordinationOp(value = "lease.take", kind = "claim")
  public String take(@OpAttribute("lease.id") String id) {
    return "lease " + id;
  }
}
