package io.coordscope.sidecar.app;

import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.model.Matcher;
import io.coordscope.sidecar.rules.AlertSink;
import io.coordscope.sidecar.rules.OutgoingAlert;
import io.coordscope.sidecar.scrape.ExemplarStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each alert sent to Alertmanager an example trace: the newest exemplar with a {@code
 * trace_id} among the series that share the alert's identity labels ({@code job}, {@code
 * instance}, {@code operation}, {@code kind}, whichever the alert has), as annotations {@code
 * trace_id} and, with {@code coordscope.trace_ui_url_template}, {@code trace_url} (the template's
 * {@code {trace_id}} replaced). Annotations a rule already sets win. Alerts without identity labels
 * or without a matching exemplar are sent unchanged.
 */
final class TraceLinks implements AlertSink {

  static final List<String> IDENTITY = List.of("job", "instance", "operation", "kind");

  private final ExemplarStore exemplars;
  private final AlertSink next;
  private volatile String template = "";

  TraceLinks(ExemplarStore exemplars, AlertSink next) {
    this.exemplars = exemplars;
    this.next = next;
  }

  void setTemplate(String template) {
    this.template = template;
  }

  @Override
  public void send(List<OutgoingAlert> alerts) {
    List<OutgoingAlert> out = new ArrayList<>(alerts.size());
    for (OutgoingAlert a : alerts) {
      out.add(link(a));
    }
    next.send(out);
  }

  OutgoingAlert link(OutgoingAlert a) {
    if (a.annotations().has("trace_id")) {
      return a;
    }
    List<Matcher> matchers = new ArrayList<>();
    for (String name : IDENTITY) {
      if (a.labels().has(name)) {
        matchers.add(Matcher.eq(name, a.labels().get(name)));
      }
    }
    if (matchers.isEmpty()) {
      return a;
    }
    for (ExemplarStore.Entry e : exemplars.select(matchers)) {
      String traceId = e.exemplar().labels().get("trace_id");
      if (!traceId.isEmpty()) {
        Labels.Builder b = a.annotations().toBuilder().set("trace_id", traceId);
        String t = template;
        if (!t.isEmpty() && !a.annotations().has("trace_url")) {
          b.set("trace_url", t.replace("{trace_id}", traceId));
        }
        return new OutgoingAlert(a.labels(), b.build(), a.startsAtMillis(), a.endsAtMillis(), a.generatorUrl());
      }
    }
    return a;
  }
}
