package io.coordscope.sidecar.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coordscope.sidecar.model.Labels;
import io.coordscope.sidecar.rules.OutgoingAlert;
import java.time.Instant;
import java.util.List;

/** The body of {@code POST /api/v2/alerts}: a JSON array of postable alerts. */
final class AlertJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  static byte[] encode(List<OutgoingAlert> alerts, Labels externalLabels) {
    ArrayNode arr = JSON.createArrayNode();
    for (OutgoingAlert a : alerts) {
      ObjectNode o = arr.addObject();
      ObjectNode labels = o.putObject("labels");
      withExternal(a.labels(), externalLabels).toMap().forEach(labels::put);
      ObjectNode annotations = o.putObject("annotations");
      a.annotations().toMap().forEach(annotations::put);
      o.put("startsAt", Instant.ofEpochMilli(a.startsAtMillis()).toString());
      o.put("endsAt", Instant.ofEpochMilli(a.endsAtMillis()).toString());
      o.put("generatorURL", a.generatorUrl());
    }
    try {
      return JSON.writeValueAsBytes(arr);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode alerts", e);
    }
  }

  /** External labels are added only where the alert does not have the label, as in Prometheus. */
  static Labels withExternal(Labels labels, Labels external) {
    if (external.size() == 0) {
      return labels;
    }
    Labels.Builder b = labels.toBuilder();
    for (int i = 0; i < external.size(); i++) {
      if (!labels.has(external.name(i))) {
        b.set(external.name(i), external.value(i));
      }
    }
    return b.build();
  }
}
