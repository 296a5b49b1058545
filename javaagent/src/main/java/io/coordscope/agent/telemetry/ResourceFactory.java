package io.coordscope.agent.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Map;

/** The OTel resource every span carries; {@code target_info} exposes the same identity. */
final class ResourceFactory {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");
  static final AttributeKey<String> SERVICE_INSTANCE_ID = AttributeKey.stringKey("service.instance.id");
  static final AttributeKey<String> DISTRO_NAME = AttributeKey.stringKey("telemetry.distro.name");
  static final String DISTRO = "coordscope";

  private ResourceFactory() {}

  static Resource create(TelemetrySettings s, String instanceId) {
    AttributesBuilder b = Attributes.builder();
    for (Map.Entry<String, String> e : s.resourceAttributes.entrySet()) {
      b.put(e.getKey(), e.getValue());
    }
    b.put(SERVICE_NAME, s.serviceName);
    if (!s.serviceVersion.isEmpty()) {
      b.put(SERVICE_VERSION, s.serviceVersion);
    }
    b.put(SERVICE_INSTANCE_ID, instanceId);
    b.put(DISTRO_NAME, DISTRO);
    b.put(AttributeKey.stringKey("telemetry.sdk.language"), "java");
    return Resource.create(b.build());
  }
}
