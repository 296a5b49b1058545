package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.log.AgentLog;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  @Test
  void portTakenGivesOneClearWarningAndNoServer() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AgentLog.setOut(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      MetricsServer s =
          MetricsServer.start("127.0.0.1", taken.getLocalPort(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      assertThat(s).isNull();
      String out = err.toString(StandardCharsets.UTF_8);
      assertThat(out.lines())
          .singleElement()
          .asString()
          .startsWith("[coordscope] WARN metrics endpoint disabled: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    } finally {
      AgentLog.setOut(System.err);
    }
  }

  @Test
  void serverThreadsAreDaemonsEvenWhenStartedFromANonDaemonThread() throws Exception {
    assertThat(Thread.currentThread().isDaemon()).isFalse();
    MetricsServer s = MetricsServer.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    try {
      java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + s.port() + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(t -> t.getName().equals(MetricsServer.THREAD_NAME))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(t -> t.getName().startsWith("coordscope-metrics"))
          .as("the endpoint's only thread")
          .hasSize(1);
    } finally {
      s.stop();
    }
  }
}
