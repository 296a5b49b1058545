package io.coordscope.agent.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.coordscope.agent.it.app.W3cTestService;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.propagation.W3cSuiteCases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The W3C Trace Context test suite's cases, end to end: the JDK-only {@link W3cTestService} runs
 * under the built agent, each case's header lines go to it byte for byte over a socket, and the
 * callback it makes to this test (the suite's "harness" role) must carry exactly one traceparent
 * that continues or restarts the trace as the suite expects, and the expected tracestate.
 */
class W3cConformanceIT {

  private static HeldApp service;
  private static int servicePort;
  private static HttpServer harness;
  private static final BlockingQueue<Headers> CALLBACKS = new ArrayBlockingQueue<>(16);

  @BeforeAll
  static void start() throws Exception {
    harness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    harness.createContext("/callback", ex -> {
      CALLBACKS.add(ex.getRequestHeaders());
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    harness.start();
    servicePort = HeldApp.freePort();
    ForkedJvm jvm = ForkedJvm.current().withAgent("traces.exporter=none,metrics.port=0")
        .main(W3cTestService.class, Integer.toString(servicePort));
    service = HeldApp.start(jvm, W3cTestService.READY + servicePort, Duration.ofSeconds(90));
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
    if (harness != null) {
      harness.stop(0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.coordscope.agent.propagation.W3cSuiteCases#suite")
  void theCallbackCarriesWhatTheSuiteExpects(String name, String[] lines, String trace, String tracestate) throws Exception {
    CALLBACKS.clear();
    String body = "[{\"url\": \"http://127.0.0.1:" + harness.getAddress().getPort() + "/callback\", \"arguments\": []}]";
    assertThat(post(lines, body)).as("service status").startsWith("HTTP/1.1 200");
    Headers cb = CALLBACKS.poll(30, TimeUnit.SECONDS);
    assertThat(cb).as("callback").isNotNull();

    List<String> tps = cb.get("traceparent");
    assertThat(tps).as("exactly one traceparent").hasSize(1);
    String tp = tps.get(0);
    assertThat(tp).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[0-3]");
    String traceId = tp.substring(3, 35);
    if ("keep".equals(trace)) {
      assertThat(traceId).isEqualTo(W3cSuiteCases.TID);
      assertThat(tp.substring(36, 52)).isNotEqualTo("1234567890123456");
      if (name.equals("random flag")) {
        assertThat(Integer.parseInt(tp.substring(53), 16) & 2).as("random flag").isEqualTo(2);
      }
      if (tracestate != null) {
        List<String> ts = cb.get("tracestate");
        assertThat(ts == null ? "" : String.join(",", ts)).isEqualTo(tracestate);
      }
    } else {
      assertThat(traceId).isNotEqualTo(W3cSuiteCases.TID).isNotEqualTo("0".repeat(32));
    }
  }

  /** A raw HTTP/1.1 POST with the case's header lines exactly as given; returns the status line. */
  private static String post(String[] lines, String body) throws IOException {
    byte[] payload = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder req = new StringBuilder("POST /test HTTP/1.1\r\nHost: 127.0.0.1:" + servicePort + "\r\n"
        + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + payload.length + "\r\n");
    for (int i = 0; lines != null && i < lines.length; i += 2) {
      req.append(lines[i]).append(": ").append(lines[i + 1]).append("\r\n");
    }
    req.append("\r\n");
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), servicePort)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(payload);
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder status = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\r') {
        status.append((char) c);
      }
      return status.toString();
    }
  }
}
