package io.coordscope.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who is reporting: the OpenTelemetry resource of spans and the labels of {@code target_info}. */
public final class ResourceSettings {

  public static final Key SERVICE_NAME = Key.computed("service.name", "main jar (without its version) or class name").otel("otel.service.name");
  public static final Key SERVICE_VERSION = Key.computed("service.version", "version in the main jar's name");
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
        version != null ? version : versionAttr != null ? versionAttr : defaultServiceVersion(),
        Collections.unmodifiableMap(attrs));
  }

  /**
   * Like the upstream agent: the main jar's name without a trailing version, or the main class's
   * simple name, else OpenTelemetry's default.
   */
  public static String defaultServiceName() {
    String jar = mainJarBaseName();
    if (jar != null) {
      return splitVersion(jar)[0];
    }
    String first = firstCommandWord();
    return first.isEmpty() ? "unknown_service:java" : first.substring(first.lastIndexOf('.') + 1);
  }

  /** The version in the main jar's name ({@code app-1.2.jar}: {@code 1.2}), else empty. */
  public static String defaultServiceVersion() {
    String jar = mainJarBaseName();
    return jar == null ? "" : splitVersion(jar)[1];
  }

  /**
   * {@code spring-petclinic-4.0.0-SNAPSHOT} → {@code [spring-petclinic, 4.0.0-SNAPSHOT]}: the
   * version is the part from the last {@code -} that is followed by a digit and starts a
   * dotted number ({@code 4}, {@code 4.0.0}, {@code 2.1.RELEASE}, {@code 1.0-rc1}); a name with no
   * such part is all name and an empty version.
   */
  static String[] splitVersion(String base) {
    Matcher m = VERSIONED.matcher(base);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[] {base, ""};
  }

  private static final Pattern VERSIONED = Pattern.compile("(.*?[^-])-(\\d+(?:\\.\\d+)*(?:[-.][A-Za-z0-9]+)*)");

  private static String mainJarBaseName() {
    String first = firstCommandWord();
    if (!first.endsWith(".jar")) {
      return null;
    }
    String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
    return file.substring(0, file.length() - 4);
  }

  private static String firstCommandWord() {
    String cmd = System.getProperty("sun.java.command", "").trim();
    return cmd.isEmpty() ? "" : cmd.split("\\s+", 2)[0];
  }

  private static String nonBlank(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }
}
