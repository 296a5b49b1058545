package io.coordscope.sidecar.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.rules.AlertStateStore;
import io.coordscope.sidecar.rules.ExpressionChecker;
import io.coordscope.sidecar.rules.RuleFiles;
import io.coordscope.sidecar.rules.RuleGroup;
import io.coordscope.sidecar.rules.RuleManager;
import io.coordscope.sidecar.rules.RuleManagerOptions;
import io.coordscope.sidecar.rules.RuleSample;
import io.coordscope.sidecar.testing.AlertmanagerServer;
import io.coordscope.testsupport.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar's alerts reach a real Alertmanager: firing shows up in {@code GET /api/v2/alerts},
 * resolution clears it, and an Alertmanager restarted in the middle (it keeps alerts only in
 * memory) has the alert again after the next resend.
 */
class AlertmanagerIT {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final List<RuleSample> result = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void firingResolvedAndSurvivingAnAlertmanagerRestart() throws Exception {
    AlertmanagerServer.require();
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, """
        groups:
          - name: it
            interval: 1s
            rules:
              - alert: CoordinationTargetDown
                expr: up == 0
                labels: {severity: critical}
                annotations: {summary: "{{ $labels.instance }} is down"}
        """);
    ExpressionChecker any = e -> null;
    RuleGroup group = RuleFiles.load(List.of(rules), any).get(0);
    Files.createDirectories(dir.resolve("am"));
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (AlertmanagerServer am = new AlertmanagerServer(dir.resolve("am"))) {
      am.start();
      AlertmanagerNotifier notifier = new AlertmanagerNotifier(
          NotifierOptions.defaults(List.of(am.url()), Labels.of("cluster", "it"))
              .withRetries(2, Duration.ofMillis(50), Duration.ofMillis(100)).withTimeout(Duration.ofSeconds(2)),
          warnings::add);
      notifier.start();
      // Evaluation times are given, not waited for: a timeline that ends now, with a resend delay of
      // an hour, so each evaluation below resends and every endsAt is in Alertmanager's future.
      Duration resend = Duration.ofHours(1);
      RuleManager rm = new RuleManager((expr, t) -> new ArrayList<>(result), (l, t, v) -> {}, Clock.systemUTC(), notifier,
          AlertStateStore.NONE, RuleManagerOptions.defaults().withResendDelay(resend));
      rm.update(List.of(group));
      long t2 = System.currentTimeMillis();
      long t1 = t2 - resend.toMillis() - 1_000;
      long t0 = t1 - resend.toMillis() - 1_000;
      try {
        result.add(new RuleSample(Labels.of("instance", "app:9464", "job", "app"), 0));
        rm.evalGroup(group, t0);
        JsonNode firing = awaitAlert(am.url(), a -> true);
        assertThat(firing.get("status").get("state").asText()).isEqualTo("active");
        assertThat(firing.get("labels").get("cluster").asText()).isEqualTo("it");
        assertThat(firing.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(firing.get("annotations").get("summary").asText()).isEqualTo("app:9464 is down");
        assertThat(Instant.parse(firing.get("startsAt").asText())).isEqualTo(Instant.ofEpochMilli(t0));
        // endsAt = send time + 4 x max(group interval, resend delay), as Prometheus sets it
        assertThat(Instant.parse(firing.get("endsAt").asText())).isEqualTo(Instant.ofEpochMilli(t0).plus(resend.multipliedBy(4)));

        // Alertmanager down: the resend fails after its retries, is counted and reported, nothing else breaks.
        am.kill();
        rm.evalGroup(group, t1);
        Await.until("the delivery to the stopped Alertmanager to fail", Duration.ofSeconds(30), () -> notifier.stats().errors() == 1);
        assertThat(warnings).singleElement().asString().contains("failed");

        // Restarted, it has forgotten the alert (it keeps alerts in memory only, and nothing is in
        // flight: the failed delivery above was the last); the next resend brings it back unchanged.
        am.start();
        assertThat(alerts(am.url())).as("a restarted Alertmanager has no alerts").isEmpty();
        rm.evalGroup(group, t2);
        JsonNode again = awaitAlert(am.url(), a -> true);
        assertThat(again.get("startsAt").asText()).isEqualTo(firing.get("startsAt").asText());

        // Resolution: the alert leaves the active list (endsAt = resolution time, not in the future).
        result.clear();
        rm.evalGroup(group, Math.max(t2 + 1, System.currentTimeMillis()));
        awaitNoAlerts(am.url());
        assertThat(rm.alerts()).singleElement().satisfies(a -> assertThat(a.resolvedAt()).isNotNull());
        assertThat(notifier.stats().errors()).as("only the delivery while it was down failed").isEqualTo(1);
      } finally {
        notifier.stop();
      }
    }
  }

  JsonNode awaitAlert(URI am, Predicate<JsonNode> p) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode a : alerts(am)) {
        if (a.get("labels").get("alertname").asText().equals("CoordinationTargetDown") && p.test(a)) {
          return a;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("alert did not appear in " + am + "/api/v2/alerts within 20 s");
  }

  void awaitNoAlerts(URI am) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (alerts(am).isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("resolved alert still listed by " + am + "/api/v2/alerts after 20 s");
  }

  List<JsonNode> alerts(URI am) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(am + "/api/v2/alerts")).build(),
        HttpResponse.BodyHandlers.ofString());
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(r.body()).forEach(out::add);
    return out;
  }
}
