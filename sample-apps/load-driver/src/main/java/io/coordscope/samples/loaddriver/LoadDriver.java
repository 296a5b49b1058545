package io.coordscope.samples.loaddriver;

import com.sun.net.httpserver.HttpServer;
import io.coordscope.samples.common.FaultSwitch;
import io.coordscope.samples.common.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load driver: submits work items to the coordinator at a steady rate. It has <b>no
 * coordscope annotation and no coordscope dependency</b>: the demo instruments it only by
 * configuration, {@code coordscope.methods.include=io.coordscope.samples.loaddriver.LoadDriver[submitOne]}
 * and {@code coordscope.kpi.methods.include=io.coordscope.samples.loaddriver.LoadDriver[acceptedRatio]}.
 * Environment: {@code COORDINATOR_URL}, {@code RATE} (items per second, 8), {@code PORT} (8080,
 * the {@code /fault} endpoint; 0 = none), {@code BIND_ADDRESS}, the fault switch.
 */
public final class LoadDriver {

  private final String coordinator;
  private final FaultSwitch fault;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();

  LoadDriver(String coordinator, FaultSwitch fault) {
    this.coordinator = coordinator;
    this.fault = fault;
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    int rate = Http.intEnv(env, "RATE", 8);
    if (rate < 1 || rate > 1000) {
      throw new IllegalArgumentException("RATE=" + rate + " is not allowed: 1 to 1000 items per second");
    }
    FaultSwitch fault = FaultSwitch.fromEnvironment(env);
    LoadDriver driver =
        new LoadDriver(env.getOrDefault("COORDINATOR_URL", "http://127.0.0.1:8081"), fault);
    int port = Http.intEnv(env, "PORT", 8080);
    if (port > 0) {
      HttpServer server = Http.server(port, fault, env);
      server.start();
    }
    ExecutorService senders = Executors.newFixedThreadPool(8);
    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    ticks.scheduleAtFixedRate(
        () -> senders.execute(driver::submitSafely), 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
    ticks.scheduleWithFixedDelay(driver::acceptedRatio, 1, 1, TimeUnit.SECONDS);
    System.out.println("load driver sending " + rate + " items/s to " + driver.coordinator);
  }

  private void submitSafely() {
    try {
      submitOne();
    } catch (RuntimeException e) {
      // counted by the agent as an error of LoadDriver.submitOne; the driver keeps going
    }
  }

  /** Submits one work item; an answer other than 202 is an exception. */
  void submitOne() {
    fault.apply("submit");
    sent.incrementAndGet();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(coordinator + "/work"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    int status;
    try {
      status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException("coordinator unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (status != 202) {
      throw new IllegalStateException("coordinator answered " + status);
    }
    accepted.incrementAndGet();
  }

  /** Share of submissions the coordinator accepted, since start. */
  double acceptedRatio() {
    long s = sent.get();
    return s == 0 ? 1 : (double) accepted.get() / s;
  }
}
