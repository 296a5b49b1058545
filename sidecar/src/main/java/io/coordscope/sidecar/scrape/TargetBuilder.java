package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.model.Labels;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns target groups into targets with the labels Prometheus 2.x assigns (no relabel_configs). */
final class TargetBuilder {

  private TargetBuilder() {}

  /**
   * Targets of one group. Group labels win over the config's defaults ({@code job}, {@code
   * __scheme__}, {@code __metrics_path__}, {@code __param_*}); {@code instance} defaults to the
   * address; an address without a port gets the scheme's default port, as Prometheus 2.x does.
   *
   * @throws IllegalArgumentException for an address that is not {@code host[:port]}
   */
  static List<Target> targets(ScrapeConfig config, TargetGroup group) {
    List<Target> out = new ArrayList<>();
    for (String address : group.targets()) {
      Labels.Builder b = Labels.builder();
      b.set("job", config.jobName());
      b.set("__scheme__", config.scheme());
      b.set("__metrics_path__", config.metricsPath());
      b.set("__scrape_interval__", format(config.scrapeInterval().toMillis()));
      b.set("__scrape_timeout__", format(config.scrapeTimeout().toMillis()));
      for (Map.Entry<String, List<String>> p : config.params().entrySet()) {
        if (!p.getValue().isEmpty()) {
          b.set("__param_" + p.getKey(), p.getValue().get(0));
        }
      }
      for (int i = 0; i < group.labels().size(); i++) {
        b.set(group.labels().name(i), group.labels().value(i));
      }
      b.set("__address__", address); // the target entry wins over a group label of the same name
      String scheme = b.get("__scheme__");
      String addr = withPort(b.get("__address__"), scheme);
      b.set("__address__", addr);
      Labels discovered = b.build();
      if (b.get("instance").isEmpty()) {
        b.set("instance", addr);
      }
      Labels.Builder finalLabels = Labels.builder();
      Labels all = b.build();
      for (int i = 0; i < all.size(); i++) {
        if (!all.name(i).startsWith("__")) {
          finalLabels.set(all.name(i), all.value(i));
        }
      }
      out.add(new Target(all.get("job"), url(scheme, addr, all.get("__metrics_path__"), all, config), finalLabels.build(),
          discovered));
    }
    return out;
  }

  static String withPort(String address, String scheme) {
    if (address.isEmpty() || address.contains("/") || address.contains("@") || address.contains("?")
        || address.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("target address \"" + address + "\" is not host:port");
    }
    try {
      URI u = new URI("http://" + address);
      if (u.getHost() == null) {
        throw new IllegalArgumentException("target address \"" + address + "\" is not host:port");
      }
      return u.getPort() >= 0 ? address : address + (scheme.equals("https") ? ":443" : ":80");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("target address \"" + address + "\" is not host:port: " + e.getReason());
    }
  }

  private static String url(String scheme, String addr, String path, Labels all, ScrapeConfig config) {
    StringBuilder q = new StringBuilder();
    for (Map.Entry<String, List<String>> p : new TreeMap<>(config.params()).entrySet()) {
      List<String> values = new ArrayList<>(p.getValue());
      String fromLabel = all.get("__param_" + p.getKey());
      if (!fromLabel.isEmpty() && !values.isEmpty()) {
        values.set(0, fromLabel);
      }
      for (String v : values) {
        q.append(q.length() == 0 ? "?" : "&").append(enc(p.getKey())).append('=').append(enc(v));
      }
    }
    return scheme + "://" + addr + (path.startsWith("/") ? path : "/" + path) + q;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Durations as Prometheus prints them in labels: 15s, 1m30s, 500ms. */
  static String format(long millis) {
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long s = millis / 1000;
    StringBuilder sb = new StringBuilder();
    if (s >= 3600) {
      sb.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      sb.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0 || sb.length() == 0) {
      sb.append(s).append('s');
    }
    return sb.toString();
  }
}
