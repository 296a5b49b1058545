package io.coordscope.samples.coordinator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.samples.common.FaultSwitch;
import io.coordscope.samples.common.Http;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator service (plain JDK {@code HttpServer} and {@code HttpClient}, no framework):
 * accepts work items and assigns each to a worker at once; items a worker could not take are
 * retried by a background loop. Environment: {@code PORT} (8081), {@code WORKERS} (comma-separated
 * base URLs, default {@code http://127.0.0.1:8082}), {@code BIND_ADDRESS}, the fault switch.
 *
 * <p>HTTP: {@code POST /work} (body: an item id, optional) → 202; {@code POST
 * /complete?item=&worker=} → 200; {@code GET /stats}; {@code POST /fault?errors=&latency_ms=}.
 */
public final class Coordinator {

  private Coordinator() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    int port = Http.intEnv(env, "PORT", 8081);
    List<String> workers =
        Arrays.asList(env.getOrDefault("WORKERS", "http://127.0.0.1:8082").split(","));
    FaultSwitch fault = FaultSwitch.fromEnvironment(env);
    WorkBoard board = new WorkBoard(new WorkerPool(workers), fault);

    HttpServer server = Http.server(port, fault, env);
    server.createContext("/work", ex -> submit(ex, board));
    server.createContext("/complete", ex -> complete(ex, board));
    server.createContext("/stats", ex -> Http.respond(ex, 200, board.statsJson() + "\n"));
    server.start();

    // The retry loop and the KPI sampler: KPI methods are recorded each time they are called.
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "coordinator-timer");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(board::retryPending, 250, 250, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(board::sampleKpis, 1, 1, TimeUnit.SECONDS);
    System.out.println("coordinator listening on port " + port + ", workers " + workers);
  }

  private static void submit(HttpExchange ex, WorkBoard board) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      Http.respond(ex, 405, "POST a work item\n");
      return;
    }
    String body = Http.body(ex);
    if (body == null) {
      Http.respond(ex, 413, "a work item id is at most " + Http.MAX_BODY_BYTES + " bytes\n");
      return;
    }
    try {
      String id = board.submit(body.isBlank() ? null : body.strip());
      Http.respond(ex, 202, id + "\n");
    } catch (FaultSwitch.InjectedFaultException e) {
      Http.respond(ex, 503, e.getMessage() + "\n");
    }
  }

  private static void complete(HttpExchange ex, WorkBoard board) throws IOException {
    Map<String, String> q = Http.query(ex);
    String item = q.get("item");
    if (item == null || !"POST".equals(ex.getRequestMethod())) {
      Http.respond(ex, 400, "POST /complete?item=ID&worker=ID\n");
      return;
    }
    boolean known = board.complete(item, q.getOrDefault("worker", ""));
    Http.respond(ex, known ? 200 : 404, known ? "ok\n" : "unknown item " + item + "\n");
  }
}
