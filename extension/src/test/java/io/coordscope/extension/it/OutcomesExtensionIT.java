package io.coordscope.extension.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.OutcomesApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.HeldApp;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inside the upstream agent the extension classifies failures exactly as the standalone agent
 * (one home: the core's rules): the annotation's {@code conflictOn}/{@code timeoutOn}, the
 * {@code outcomes.*} keys under either prefix, and span status ERROR only for {@code error}.
 */
class OutcomesExtensionIT {

  private static final String COUNT = ExtensionIT.COUNT;

  @Test
  void annotationAndConfigurationDeclareConflictTimeoutAndRejected() throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      int port = HeldApp.freePort();
      ForkedJvm jvm =
          UpstreamAgent.fork(UpstreamAgent.jar(UpstreamAgent.PINNED), rx, port)
              .sysProp("otel.javaagent.extensions", UpstreamAgent.extensionJar().toString())
              .sysProp("otel.instrumentation.coordscope.methods.include", OutcomesApp.class.getName() + "$Ledger[append]")
              .sysProp("otel.instrumentation.coordscope.outcomes.conflict", OutcomesApp.class.getName() + "$LeaseTaken")
              .sysProp("coordscope.outcomes.timeout", "java.util.concurrent.TimeoutException")
              .sysProp("otel.instrumentation.coordscope.outcomes.rejected",
                  "java.util.concurrent.RejectedExecutionException,java.util.ConcurrentModificationException")
              .main(OutcomesApp.class);
      try (HeldApp app = HeldApp.start(jvm, OutcomesApp.READY, ExtensionIT.START)) {
        Exposition m = Exposition.parse(app.get("http://127.0.0.1:" + port + "/metrics", "text/plain; version=0.0.4"));

        assertThat(m.value(COUNT, Exposition.op("lease.take", "lock", "success", ""))).isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op("lease.take", "lock", "conflict", "LeaseTaken"))).isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op("lease.take", "lock", "timeout", "TimeoutException"))).isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op("lease.take", "lock", "rejected", "RejectedExecutionException")))
            .isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op("lease.take", "lock", "error", "IllegalStateException"))).isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op("lease.take.async", "lock", "conflict", "LeaseTaken"))).isEqualTo(1);
        String append = "Ledger.append";
        assertThat(m.value(COUNT, Exposition.op(append, "operation", "conflict", "LeaseTaken"))).isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op(append, "operation", "timeout", "TimeoutException"))).isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op(append, "operation", "rejected", "RejectedExecutionException")))
            .isEqualTo(1);
        assertThat(m.value(COUNT, Exposition.op(append, "operation", "error", "IllegalStateException"))).isEqualTo(1);

        List<ReceivedSpan> spans = rx.awaitSpans(12, ExtensionIT.SPANS);
        assertThat(spans).hasSize(12);
        assertThat(spans.stream().filter(ReceivedSpan::isError)).hasSize(2);
        assertThat(spans.stream().filter(s -> "conflict".equals(s.attributes().get("coordination.outcome")))).hasSize(3);
        assertThat(spans.stream().filter(s -> "timeout".equals(s.attributes().get("coordination.outcome")))).hasSize(2);
        assertThat(spans.stream().filter(s -> "rejected".equals(s.attributes().get("coordination.outcome")))).hasSize(2);
        ForkedJvm.Result r = app.finish(Duration.ofSeconds(90));
        assertThat(r.stderr()).doesNotContain("[coordscope] invalid");
      }
    }
  }
}
