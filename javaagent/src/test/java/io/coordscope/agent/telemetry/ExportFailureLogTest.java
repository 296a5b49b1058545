package io.coordscope.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportFailureLogTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicLong clock = new AtomicLong();

  @BeforeEach
  void captureLog() {
    AgentLog.setOut(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLog() {
    AgentLog.setOut(System.err);
  }

  private List<String> lines() {
    return err.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
  }

  @Test
  void atMostOneWarningPerMinuteWithTheSuppressedCount() {
    ExportFailureLog log = new ExportFailureLog(clock::get, "http://collector:4318/v1/traces");
    for (int i = 0; i < 100; i++) {
      log.failure("Connection refused");
      clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
    }
    // 100 failures over 50 s: one line.
    assertThat(lines()).hasSize(1);
    assertThat(lines().get(0))
        .startsWith("[coordscope] WARN span export to http://collector:4318/v1/traces failed: Connection refused")
        .doesNotContain("more failures");

    clock.addAndGet(TimeUnit.SECONDS.toNanos(10));
    log.failure("Connection refused");
    assertThat(lines()).hasSize(2);
    assertThat(lines().get(1)).contains("(99 more failures in the last minute)");

    clock.addAndGet(TimeUnit.SECONDS.toNanos(59));
    log.failure("Connection refused");
    assertThat(lines()).hasSize(2);
  }

  @Test
  void sdkWarningsGoThroughTheLimiterAndPrintNoStackTrace() {
    ExportFailureLog log = new ExportFailureLog(clock::get, "otlp");
    SdkLogBridge.install(log);
    Logger sdk = Logger.getLogger(SdkLogBridge.ROOT + ".exporter.internal.http.HttpExporter");
    for (int i = 0; i < 20; i++) {
      sdk.log(Level.SEVERE, "Failed to export spans. The request could not be executed.",
          new java.net.ConnectException("Connection refused"));
    }
    sdk.info("not a failure");
    assertThat(lines()).hasSize(1);
    assertThat(lines().get(0))
        .contains("Failed to export spans")
        .contains("java.net.ConnectException: Connection refused");
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
  }
}
