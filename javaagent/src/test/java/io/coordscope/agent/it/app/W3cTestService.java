package io.coordscope.agent.it.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The test service the W3C Trace Context test suite drives, JDK only and with no propagation code
 * of its own: {@code POST /test} with a JSON array of {@code {"url", "arguments"}} makes, for each
 * element in order, a {@code POST url} whose body is {@code arguments} as JSON. Under the agent,
 * the context of the incoming request must reach every callback. Prints {@link #READY} and the
 * port; runs until stdin closes. {@code java W3cTestService [PORT]}.
 */
public final class W3cTestService {

  public static final String READY = "w3c test service ready on port ";
  static final int MAX_BODY = 1 << 20;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setExecutor(Executors.newCachedThreadPool());
    W3cTestService service = new W3cTestService();
    server.createContext("/test", service::handle);
    server.start();
    System.out.println(READY + server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // run until stdin closes
    }
    server.stop(0);
    System.exit(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    int status = 200;
    try (InputStream in = ex.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY);
      for (Object item : (List<?>) MiniJson.parse(new String(body, StandardCharsets.UTF_8))) {
        Map<?, ?> call = (Map<?, ?>) item;
        HttpRequest req =
            HttpRequest.newBuilder(URI.create((String) call.get("url")))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(MiniJson.write(call.get("arguments"))))
                .build();
        client.send(req, HttpResponse.BodyHandlers.discarding());
      }
    } catch (RuntimeException | InterruptedException e) {
      status = 400;
    }
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }
}
