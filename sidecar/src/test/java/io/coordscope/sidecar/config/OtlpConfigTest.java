package io.coordscope.sidecar.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coordscope.sidecar.otlp.OtlpSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OtlpConfigTest {

  static OtlpSettings parse(String yaml) throws ConfigException {
    return ConfigLoader.parse("sidecar.yml", Path.of("/etc/cs"), yaml, Optional.empty()).coordscope().otlp();
  }

  @Test
  void defaultsOnAndEveryKeyIsRead() throws Exception {
    assertThat(parse("global: {}\n")).isEqualTo(OtlpSettings.DEFAULTS);
    assertThat(OtlpSettings.DEFAULTS.enabled()).isTrue();
    assertThat(parse("""
        coordscope:
          otlp: {enabled: false, max_request_size: 16MiB, max_concurrent_requests: 4, max_streams: 500}
        """)).isEqualTo(new OtlpSettings(false, 16L << 20, 4, 500));
  }

  @Test
  void badValuesNameTheKeyAndWhatIsAllowed() {
    assertThatThrownBy(() -> parse("coordscope: {otlp: {max_request_size: 12}}\n"))
        .hasMessageContaining("coordscope.otlp.max_request_size").hasMessageContaining("not a valid size");
    assertThatThrownBy(() -> parse("coordscope: {otlp: {max_concurrent_requests: 0}}\n"))
        .hasMessageContaining("coordscope.otlp.max_concurrent_requests must be 1..64");
    assertThatThrownBy(() -> parse("coordscope: {otlp: {endpoint: /x}}\n"))
        .hasMessageContaining("endpoint").hasMessageContaining("supported: ");
  }
}
