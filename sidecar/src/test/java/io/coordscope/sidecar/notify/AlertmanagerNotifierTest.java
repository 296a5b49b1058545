package io.coordscope.sidecar.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.rules.OutgoingAlert;
import io.coordscope.testsupport.Await;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery mechanics against a hand-written receiver (the real Alertmanager is in AlertmanagerIT). */
class AlertmanagerNotifierTest {

  final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();
  HttpServer server;
  URI base;

  @BeforeEach
  void receiver() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/prefix/api/v2/alerts", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
      if (status == 200) {
        bodies.add(new ObjectMapper().readTree(body));
      }
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/prefix/");
  }

  @AfterEach
  void close() {
    server.stop(0);
  }

  AlertmanagerNotifier notifier(NotifierOptions o) {
    return new AlertmanagerNotifier(o, sleeps::add, warnings::add);
  }

  static OutgoingAlert alert(int i, Labels extra) {
    Labels l = extra.toBuilder().set("alertname", "A").set("i", Integer.toString(i)).build();
    return new OutgoingAlert(l, Labels.of("summary", "s" + i), 1_700_000_000_000L, 1_700_000_240_000L, "http://x/graph");
  }

  @Test
  void postsBatchesOfAtMost64WithExternalLabelsThatDoNotOverride() {
    AlertmanagerNotifier n = notifier(NotifierOptions.defaults(List.of(base), Labels.of("cluster", "eu1", "env", "prod")));
    List<OutgoingAlert> alerts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      alerts.add(alert(i, Labels.of("env", "dev")));
    }
    n.send(alerts);
    n.start();
    try {
      await(() -> bodies.size() == 2 && n.stats().sent() == 100);
    } finally {
      n.stop();
    }
    assertThat(bodies.get(0).size()).isEqualTo(64);
    assertThat(bodies.get(1).size()).isEqualTo(36);
    JsonNode first = bodies.get(0).get(0);
    assertThat(first.get("labels").get("cluster").asText()).isEqualTo("eu1");
    assertThat(first.get("labels").get("env").asText()).isEqualTo("dev");
    assertThat(first.get("annotations").get("summary").asText()).isEqualTo("s0");
    assertThat(first.get("startsAt").asText()).isEqualTo("2023-11-14T22:13:20Z");
    assertThat(first.get("endsAt").asText()).isEqualTo("2023-11-14T22:17:20Z");
    assertThat(first.get("generatorURL").asText()).isEqualTo("http://x/graph");
    assertThat(n.stats()).isEqualTo(new NotifierStats(100, 0, 0, 0));
  }

  @Test
  void retriesWithExponentialBackOff() {
    failuresLeft.set(3);
    AlertmanagerNotifier n = notifier(NotifierOptions.defaults(List.of(base), Labels.EMPTY)
        .withRetries(5, Duration.ofMillis(100), Duration.ofMillis(300)));
    n.start();
    n.send(List.of(alert(1, Labels.EMPTY)));
    try {
      await(() -> bodies.size() == 1);
    } finally {
      n.stop();
    }
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    assertThat(n.stats().errors()).isZero();
  }

  @Test
  void givesUpAfterMaxAttemptsAndCountsTheError() {
    failuresLeft.set(100);
    AlertmanagerNotifier n = notifier(NotifierOptions.defaults(List.of(base), Labels.EMPTY)
        .withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1)));
    n.start();
    n.send(List.of(alert(1, Labels.EMPTY)));
    try {
      await(() -> n.stats().errors() == 1);
    } finally {
      n.stop();
    }
    assertThat(warnings).singleElement().asString().contains("failed: HTTP 503");
  }

  @Test
  void aFullQueueKeepsTheNewestAndCountsDrops() {
    AlertmanagerNotifier n = notifier(NotifierOptions.defaults(List.of(base), Labels.EMPTY).withQueueCapacity(10));
    List<OutgoingAlert> alerts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      alerts.add(alert(i, Labels.EMPTY));
    }
    n.send(alerts.subList(0, 15));
    n.send(alerts.subList(15, 25));
    assertThat(n.stats().dropped()).isEqualTo(15);
    assertThat(n.stats().queueLength()).isEqualTo(10);
    n.start();
    try {
      await(() -> bodies.size() == 1);
    } finally {
      n.stop();
    }
    assertThat(bodies.get(0).get(0).get("labels").get("i").asText()).isEqualTo("15");
  }

  @Test
  void anUnreachableAlertmanagerDoesNotStopTheOthers() {
    URI dead = URI.create("http://127.0.0.1:1/");
    AlertmanagerNotifier n = notifier(NotifierOptions.defaults(List.of(dead, base), Labels.EMPTY)
        .withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1)).withTimeout(Duration.ofSeconds(2)));
    n.start();
    n.send(List.of(alert(1, Labels.EMPTY)));
    try {
      await(() -> bodies.size() == 1 && n.stats().errors() == 1);
    } finally {
      n.stop();
    }
  }

  static void await(Await.Source<Boolean> cond) {
    try {
      Await.until("the notifier's state", Duration.ofSeconds(30), cond);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
