package io.coordscope.sidecar.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    assumeTrue(Files.isExecutable(AlertmanagerServer.BINARY),
        "SKIPPED: " + AlertmanagerServer.BINARY + " is absent (apt-get install prometheus-alertmanager); CI installs it");
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
      RuleManager rm = new RuleManager((expr, t) -> new ArrayList<>(result), (l, t, v) -> {}, Clock.systemUTC(), notifier,
          AlertStateStore.NONE, RuleManagerOptions.defaults().withResendDelay(Duration.ofSeconds(1)));
      rm.update(List.of(group));
      try {
        result.add(new RuleSample(Labels.of("instance", "app:9464", "job", "app"), 0));
        rm.evalGroup(group, System.currentTimeMillis());
        JsonNode firing = awaitAlert(am.url(), a -> true);
        assertThat(firing.get("status").get("state").asText()).isEqualTo("active");
        assertThat(firing.get("labels").get("cluster").asText()).isEqualTo("it");
        assertThat(firing.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(firing.get("annotations").get("summary").asText()).isEqualTo("app:9464 is down");
        Instant endsAt = Instant.parse(firing.get("endsAt").asText());
        // endsAt = send time + 4 x max(1s group interval, 1s resend delay)
        assertThat(endsAt).isBetween(Instant.now().plusSeconds(1), Instant.now().plusSeconds(5));

        // Alertmanager restarted: it forgets the alert; the next resend brings it back.
        am.kill();
        Thread.sleep(1_100);
        rm.evalGroup(group, System.currentTimeMillis()); // a resend while it is down fails, nothing else breaks
        am.start();
        assertThat(alerts(am.url())).as("a restarted Alertmanager has no alerts").isEmpty();
        Thread.sleep(1_100);
        rm.evalGroup(group, System.currentTimeMillis());
        JsonNode again = awaitAlert(am.url(), a -> true);
        assertThat(again.get("startsAt").asText()).isEqualTo(firing.get("startsAt").asText());

        // Resolution: the alert leaves the active list.
        result.clear();
        rm.evalGroup(group, System.currentTimeMillis());
        awaitNoAlerts(am.url());
        assertThat(rm.alerts()).singleElement().satisfies(a -> assertThat(a.resolvedAt()).isNotNull());
      } finally {
        notifier.stop();
      }
    }
    assertThat(warnings).as("the failed delivery while it was down is reported").isNotEmpty();
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
