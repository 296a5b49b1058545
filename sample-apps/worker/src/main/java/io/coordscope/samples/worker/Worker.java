package io.coordscope.samples.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.samples.common.FaultSwitch;
import io.coordscope.samples.common.Http;
import java.io.IOException;
import java.util.Map;

/**
 * A worker service (plain JDK): the coordinator assigns it an item with {@code POST
 * /assign?item=ID}; it takes a lease on the item from the ledger so no other worker processes it
 * at the same time, does the work, reports completion to the coordinator and releases the lease.
 * Environment: {@code PORT} (8082), {@code WORKER_ID} (worker-PORT), {@code COORDINATOR_URL},
 * {@code LEDGER_URL}, {@code BIND_ADDRESS}, the fault switch.
 */
public final class Worker {

  private Worker() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    int port = Http.intEnv(env, "PORT", 8082);
    String id = env.getOrDefault("WORKER_ID", "worker-" + port);
    FaultSwitch fault = FaultSwitch.fromEnvironment(env);
    Peers peers =
        new Peers(
            env.getOrDefault("COORDINATOR_URL", "http://127.0.0.1:8081"),
            env.getOrDefault("LEDGER_URL", "http://127.0.0.1:8084"));
    Processor processor = new Processor(id, peers, fault);

    HttpServer server = Http.server(port, fault, env);
    server.createContext("/assign", ex -> assign(ex, processor));
    server.start();
    System.out.println(id + " listening on port " + port);
  }

  private static void assign(HttpExchange ex, Processor processor) throws IOException {
    String item = Http.query(ex).get("item");
    if (item == null || !"POST".equals(ex.getRequestMethod())) {
      Http.respond(ex, 400, "POST /assign?item=ID\n");
      return;
    }
    try {
      processor.process(item);
      Http.respond(ex, 200, "done " + item + "\n");
    } catch (Peers.LeaseConflictException e) {
      Http.respond(ex, 409, e.getMessage() + "\n");
    } catch (RuntimeException e) {
      Http.respond(ex, 500, e.getMessage() + "\n");
    }
  }
}
