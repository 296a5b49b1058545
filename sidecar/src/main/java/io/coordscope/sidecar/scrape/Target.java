package io.coordscope.sidecar.scrape;

import io.coordscope.sidecar.model.Labels;

/**
 * One endpoint to scrape. {@code labels} are what every scraped series gets ({@code job}, {@code
 * instance} and the group's labels); {@code discoveredLabels} are the labels before Prometheus drops
 * the {@code __}-prefixed ones ({@code __address__}, {@code __scheme__}, {@code __metrics_path__},
 * ...), as {@code /api/v1/targets} shows them.
 */
public record Target(String job, String scrapeUrl, Labels labels, Labels discoveredLabels) {

  public String instance() {
    return labels.get("instance");
  }
}
