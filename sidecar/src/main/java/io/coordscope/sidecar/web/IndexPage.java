package io.coordscope.sidecar.web;

import com.sun.net.httpserver.HttpExchange;
import io.coordscope.sidecar.web.page.StatusPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** {@code /}: the status page, server-rendered HTML (see {@link StatusPage}). */
final class IndexPage {

  static final String HTML = "text/html; charset=utf-8";

  private IndexPage() {}

  static void serve(HttpExchange ex, SidecarView view, Clock clock) throws IOException {
    String html = new StatusPage(view, clock.millis()).render();
    ex.getResponseHeaders().set("Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    Http.send(ex, 200, HTML, html.getBytes(StandardCharsets.UTF_8));
  }
}
