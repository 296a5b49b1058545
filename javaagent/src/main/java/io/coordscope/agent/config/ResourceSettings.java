package io.coordscope.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Who is reporting: the OpenTelemetry resource of spans and the labels of {@code target_info}. */
public final class ResourceSettings {

  public static final Key SERVICE_NAME = Key.computed("service.name", "main jar or class name").otel("otel.service.name");
  public static final Key SERVICE_VERSION = Key.optional("service.version");
  public static final Key RESOURCE_ATTRIBUTES = Key.optional("resource.attributes").otel("otel.resource.attributes").mapValued();

  static final Key[] KEYS = {SERVICE_NAME, SERVICE_VERSION, RESOURCE_ATTRIBUTES};

  public final String serviceName;
  /** Empty when unset. */
  public final String serviceVersion;
  /** {@code resource.attributes}, decoded; service.name and service.version are taken out. */
  public final Map<String, String> attributes;

  private ResourceSettings(String serviceName, String serviceVersion, Map<String, String> attributes) {
    this.serviceName = serviceName;
    this.serviceVersion = serviceVersion;
    this.attributes = attributes;
  }

  /** {@code service.name} wins over the same attribute in {@code resource.attributes}. */
  public static ResourceSettings from(TypedValues c) {
    Map<String, String> attrs = new LinkedHashMap<>(c.getMap(RESOURCE_ATTRIBUTES.name()));
    String fromAttrs = attrs.remove("service.name");
    String name = nonBlank(c.get(SERVICE_NAME.name(), null));
    String versionAttr = attrs.remove("service.version");
    String version = nonBlank(c.get(SERVICE_VERSION.name(), null));
    return new ResourceSettings(
        name != null ? name : fromAttrs != null ? fromAttrs : defaultServiceName(),
        version != null ? version : versionAttr != null ? versionAttr : "",
        Collections.unmodifiableMap(attrs));
  }

  /** Like the upstream agent: the main jar's or main class's name, else OTel's default. */
  public static String defaultServiceName() {
    String cmd = System.getProperty("sun.java.command", "").trim();
    String first = cmd.isEmpty() ? "" : cmd.split("\\s+", 2)[0];
    if (first.endsWith(".jar")) {
      String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
      return file.substring(0, file.length() - 4);
    }
    if (!first.isEmpty()) {
      return first.substring(first.lastIndexOf('.') + 1);
    }
    return "unknown_service:java";
  }

  private static String nonBlank(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }
}
