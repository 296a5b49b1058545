package io.coordscope.extension.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.extension.it.app.PlainApp;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Code without annotations, selected by the extension's keys: {@code otel.instrumentation.coordscope.*}
 * as a system property, and the standalone agent's {@code COORDSCOPE_*} environment variable as
 * an alias. A malformed entry is reported and the valid ones still apply.
 */
class SelectionIT {

  @Test
  void methodListsSelectUnannotatedCodeUnderBothKeyNames() throws Exception {
    String app = PlainApp.class.getName();
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          UpstreamAgent.fork(UpstreamAgent.jar(UpstreamAgent.PINNED), rx, port)
              .sysProp("otel.javaagent.extensions", UpstreamAgent.extensionJar().toString())
              .sysProp("otel.instrumentation.coordscope.methods.include", app + "[claim];not-a-class[x]")
              .env("COORDSCOPE_KPI_METHODS_INCLUDE", app + "[backlog]")
              // The application class is in this module's test classes.
              .extraClassPath(testClasses())
              .main(app);
      try (HeldApp held = HeldApp.start(jvm, PlainApp.READY, ExtensionIT.START)) {
        Exposition m = Exposition.parse(held.get("http://127.0.0.1:" + port + "/metrics", "text/plain; version=0.0.4"));
        assertThat(m.value(ExtensionIT.COUNT, Exposition.op("PlainApp.claim", "operation", "success", ""))).isEqualTo(3);
        assertThat(m.value("coordination_kpi_value", Map.of("kpi", "PlainApp.backlog", "unit", ""))).isEqualTo(17);
        assertThat(rx.awaitSpans(3, ExtensionIT.SPANS)).extracting(OtlpReceiver.ReceivedSpan::name)
            .containsOnly("PlainApp.claim");
        ForkedJvm.Result r = held.finish(Duration.ofSeconds(60));
        assertThat(r.stderr()).contains("not-a-class[x]").contains("methods.include");
      }
    }
  }

  private static Path testClasses() throws Exception {
    return Paths.get(PlainApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
