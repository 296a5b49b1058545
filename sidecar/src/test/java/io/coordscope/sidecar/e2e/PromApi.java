package io.coordscope.sidecar.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/** A client for the parts of Prometheus's HTTP API that both Prometheus and the sidecar serve. */
final class PromApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final String baseUrl;

  PromApi(String name, String baseUrl) {
    this.name = name;
    this.baseUrl = baseUrl;
  }

  String name() {
    return name;
  }

  /** {@code host:port}, the {@code instance} label Prometheus gives this server as a target. */
  String address() {
    return URI.create(baseUrl).getAuthority();
  }

  /** {@code data.result} of an instant query at {@code timeMillis}. */
  JsonNode query(String expr, long timeMillis) throws IOException, InterruptedException {
    String t = String.format(Locale.ROOT, "%.3f", timeMillis / 1000.0);
    return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time=" + t)
        .path("data").path("result");
  }

  /** {@code data.alerts}: the pending and firing alerts now. */
  JsonNode alerts() throws IOException, InterruptedException {
    return get("/api/v1/alerts").path("data").path("alerts");
  }

  JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(name + " " + pathAndQuery + " -> HTTP " + r.statusCode() + ": " + r.body());
    }
    JsonNode n = JSON.readTree(r.body());
    if (!"success".equals(n.path("status").asText())) {
      throw new IOException(name + " " + pathAndQuery + " -> " + r.body());
    }
    return n;
  }

  boolean ready() {
    try {
      HttpResponse<Void> r = HTTP.send(
          HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
