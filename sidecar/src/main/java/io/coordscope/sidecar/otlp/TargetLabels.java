package io.coordscope.sidecar.otlp;

import io.coordscope.sidecar.model.Labels;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resource attributes and point attributes as labels, as OpenTelemetry's Prometheus compatibility
 * specification says: {@code job} = {@code service.namespace/service.name} (or {@code
 * service.name}), {@code instance} = {@code service.instance.id}; the remaining resource attributes
 * go to {@code target_info}.
 */
final class TargetLabels {

  static final String SERVICE_NAME = "service.name";
  static final String SERVICE_NAMESPACE = "service.namespace";
  static final String SERVICE_INSTANCE_ID = "service.instance.id";
  private static final Set<String> TARGET = Set.of("job", "instance");

  private TargetLabels() {}

  /** {@code job} and {@code instance} of a resource; empty when it has no service attributes. */
  static Labels of(Map<String, String> resource) {
    String name = resource.getOrDefault(SERVICE_NAME, "");
    String ns = resource.getOrDefault(SERVICE_NAMESPACE, "");
    String job = ns.isEmpty() || name.isEmpty() ? name : ns + "/" + name;
    return Labels.of("job", job, "instance", resource.getOrDefault(SERVICE_INSTANCE_ID, ""));
  }

  /**
   * A point's labels: its attributes with label names ({@link PrometheusNames#labelName}; values of
   * keys that end up with the same name are joined with {@code ;} in key order, as Prometheus
   * does), then the target's labels, which win: a point's own {@code job} or {@code instance} moves to
   * {@code exported_job}/{@code exported_instance}.
   */
  static Labels merge(Map<String, String> attributes, Labels target) {
    TreeMap<String, String> byKey = new TreeMap<>(attributes);
    Map<String, String> labels = new TreeMap<>();
    byKey.forEach((k, v) -> {
      if (!v.isEmpty()) {
        labels.merge(PrometheusNames.labelName(k), v, (a, b) -> a + ";" + b);
      }
    });
    Labels.Builder b = Labels.builder();
    labels.forEach(b::set);
    for (String name : TARGET) {
      String exposed = labels.getOrDefault(name, "");
      String value = target.get(name);
      if (value.isEmpty()) {
        continue;
      }
      b.set(name, value);
      if (!exposed.isEmpty()) {
        String exported = "exported_" + name;
        while (!b.get(exported).isEmpty()) {
          exported = "exported_" + exported;
        }
        b.set(exported, exposed);
      }
    }
    return b.build();
  }

  /**
   * {@code target_info{job,instance,...}}: every resource attribute as a label. The three that make
   * {@code job} and {@code instance} stay too, as {@code service_name} and so on: the health score
   * names services by {@code target_info}'s {@code service_name}, as for the coordscope agent.
   * Null when the resource has no attributes.
   */
  static Labels targetInfo(Map<String, String> resource, Labels target) {
    if (resource.isEmpty()) {
      return null;
    }
    Labels l = merge(resource, target);
    return l.toBuilder().set(Labels.METRIC_NAME, "target_info").build();
  }
}
