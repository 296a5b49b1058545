package io.coordscope.sidecar.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** {@code alerting.alertmanagers}: static Alertmanager targets, API v2 only. */
final class AlertingSection {

  private static final Set<String> ALERTING = Set.of("alertmanagers");
  private static final Set<String> ALERTING_PROMETHEUS = Set.of("alert_relabel_configs");
  private static final Set<String> AM = Set.of("static_configs", "scheme", "path_prefix", "timeout", "api_version");
  private static final Set<String> AM_PROMETHEUS =
      Set.of(
          "relabel_configs", "basic_auth", "authorization", "oauth2", "tls_config", "proxy_url", "no_proxy",
          "proxy_from_environment", "proxy_connect_header", "follow_redirects", "enable_http2", "sigv4");
  private static final Set<String> STATIC = Set.of("targets");
  private static final Set<String> STATIC_PROMETHEUS = Set.of("labels");

  private AlertingSection() {}

  static List<AlertmanagerConfig> parse(YamlMap root) throws ConfigException {
    YamlMap alerting = root.map("alerting");
    alerting.allowOnly(ALERTING, ALERTING_PROMETHEUS);
    List<AlertmanagerConfig> out = new ArrayList<>();
    for (Node n : alerting.list("alertmanagers")) {
      YamlMap am = YamlMap.of(root.file(), "alerting.alertmanagers", n);
      am.allowOnly(AM, AM_PROMETHEUS);
      String version = am.string("api_version", "v2");
      if (!version.equals("v2")) {
        throw am.error(am.node("api_version"), "api_version \"" + version + "\" is not supported (only v2)");
      }
      String scheme = am.scheme();
      String prefix = am.string("path_prefix", "/");
      if (!prefix.startsWith("/")) {
        prefix = "/" + prefix;
      }
      Duration timeout = am.positiveDuration("timeout", Duration.ofSeconds(10));
      List<String> targets = new ArrayList<>();
      for (Node s : am.list("static_configs")) {
        YamlMap sc = YamlMap.of(root.file(), "alerting.alertmanagers.static_configs", s);
        sc.allowOnly(STATIC, STATIC_PROMETHEUS);
        List<String> ts = sc.stringList("targets");
        List<Node> nodes = sc.list("targets");
        for (int i = 0; i < ts.size(); i++) {
          ScrapeSection.checkTarget(sc, nodes.get(i), ts.get(i));
        }
        targets.addAll(ts);
      }
      out.add(new AlertmanagerConfig(scheme, prefix, timeout, targets));
    }
    return out;
  }
}
