package io.coordscope.agent.it.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.DispatcherApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built agent on a forked application: half-open connections to {@code /metrics} (request
 * line sent, nothing more) held open while scrapes keep being answered. Before, one such
 * connection made every later scrape time out. Latencies printed; the assertion is only that
 * each scrape is answered (HeldApp's client gives up after 10 s).
 */
class MetricsEndpointHostileIT {

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void halfOpenClientsDoNotBlindTheEndpoint(String jdk) throws Exception {
    int port = HeldApp.freePort();
    ForkedJvm jvm =
        ForkedJvm.jdk(jdk)
            .withAgent("metrics.host=127.0.0.1,metrics.port=" + port + ",traces.exporter=none")
            .sysProp("app.hold", "true")
            .main(DispatcherApp.class, "2", "1");
    List<Socket> halfOpen = new ArrayList<>();
    try (HeldApp app = HeldApp.start(jvm, DispatcherApp.READY, Duration.ofSeconds(60))) {
      String url = "http://127.0.0.1:" + port + "/metrics";
      app.get(url, "text/plain");
      for (int i = 0; i < 10; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = s.getOutputStream();
        out.write("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        halfOpen.add(s);
      }
      long worst = 0;
      for (int i = 0; i < 10; i++) {
        long t0 = System.nanoTime();
        String text = app.get(url, "text/plain");
        worst = Math.max(worst, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertThat(text).contains("coordination_operation_duration_seconds_count{");
      }
      System.out.println("[figures] JDK " + jdk + ": 10 half-open connections held, 10 scrapes, worst " + worst + " ms");
      ForkedJvm.Result r = app.finish(Duration.ofSeconds(60));
      assertThat(r.exitCode()).as(r.toString()).isZero();
    } finally {
      for (Socket s : halfOpen) {
        s.close();
      }
    }
  }
}
