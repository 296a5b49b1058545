package io.coordscope.agent.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Not a test: the cost of one loopback request to a servlet in an embedded Tomcat, sequential,
 * over one keep-alive connection written and read with a plain socket (so no HTTP client is
 * instrumented). Run with and without the agent, the difference is the per-request cost of the
 * servlet SERVER instrumentation: extraction, one span, its attributes.
 * {@code java -cp test-classes:tomcat-embed-core.jar:tomcat-annotations-api.jar ServletOverheadBench WARMUP MEASURED ROUNDS};
 * prints the best round's mean in microseconds.
 */
public final class ServletOverheadBench {

  private ServletOverheadBench() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } finally {
      System.exit(0); // Tomcat's threads would keep a failed run alive
    }
  }

  private static void run(String[] args) throws Exception {
    int warmup = Integer.parseInt(args[0]);
    int measured = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat-bench").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxKeepAliveRequests", "-1"); // one connection for the whole run
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", null);
    Tomcat.addServlet(ctx, "ping", new Ping());
    ctx.addServletMappingDecoded("/ping", "ping");
    tomcat.start();
    byte[] request = ("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), connector.getLocalPort())) {
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream());
      for (int i = 0; i < warmup; i++) {
        call(out, in, request);
      }
      double best = Double.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < measured; i++) {
          call(out, in, request);
        }
        best = Math.min(best, (System.nanoTime() - t0) / 1000.0 / measured);
      }
      System.out.printf("us/request %.1f%n", best);
    }
    tomcat.stop();
  }

  /** One request; reads the response up to its 2-byte body (the servlet sets Content-Length). */
  private static void call(OutputStream out, InputStream in, byte[] request) throws IOException {
    out.write(request);
    out.flush();
    int matched = 0;
    byte[] end = "\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
  }

  static final class Ping extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentLength(2);
      resp.getOutputStream().write(new byte[] {'o', 'k'});
    }
  }
}
