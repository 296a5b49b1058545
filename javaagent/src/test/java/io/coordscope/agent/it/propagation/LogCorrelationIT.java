package io.coordscope.agent.it.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.it.app.LoggingApp;
import io.coordscope.agent.it.support.ForkedJvm;
import io.coordscope.agent.it.support.OtlpReceiver;
import io.coordscope.agent.it.support.OtlpReceiver.ReceivedSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logback (through SLF4J, sync and AsyncAppender) and Log4j 2 (default and garbage-free context
 * maps) events made inside an operation carry its {@code trace_id}, {@code span_id} and
 * {@code trace_flags} as received over OTLP, also from a pooled thread running a task of that
 * operation; events outside any span carry none, so nothing is left behind on the pooled thread,
 * and the application's own MDC entries are kept.
 */
class LogCorrelationIT {

  static final int THREADS = 3;
  static final int ROUNDS = 4;
  static final String PATTERN = "|%X{trace_id}|%X{span_id}|%X{trace_flags}|%X{user}|%m%n";

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"logback", "log4j", "log4j-garbage-free"})
  void eventsInsideASpanCarryItsIds(String library) throws Exception {
    try (OtlpReceiver rx = new OtlpReceiver()) {
      ForkedJvm jvm = ForkedJvm.current()
          .withAgent("metrics.port=0")
          .env("OTEL_EXPORTER_OTLP_ENDPOINT", rx.endpoint())
          .timeout(Duration.ofSeconds(120));
      List<String> outputs;
      if (library.equals("logback")) {
        LibraryJars.add(jvm, LibraryJars.LOGBACK).sysProp("logback.configurationFile", write("logback.xml", logbackConfig()));
        outputs = List.of("sync", "async");
      } else {
        LibraryJars.add(jvm, LibraryJars.LOG4J).sysProp("log4j2.configurationFile", write("log4j2.xml", log4jConfig()));
        if (library.endsWith("garbage-free")) {
          jvm.sysProp("log4j2.garbagefreeThreadContextMap", "true");
        }
        outputs = List.of("sync");
      }
      ForkedJvm.Result r = jvm.main(LoggingApp.class, library.startsWith("log4j") ? "log4j" : "logback",
          Integer.toString(THREADS), Integer.toString(ROUNDS)).run();
      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.stdout()).contains(LoggingApp.DONE);

      int ops = THREADS * ROUNDS;
      List<ReceivedSpan> spans = rx.awaitSpans(ops, Duration.ofSeconds(60));
      assertThat(spans).hasSize(ops);
      Map<String, ReceivedSpan> byRound =
          spans.stream().collect(Collectors.toMap(s -> s.attributes().get("round"), Function.identity()));
      List<String> lines = r.stdout().lines().filter(l -> l.startsWith("LOG ")).toList();
      assertThat(lines).as(r.toString()).hasSize(ops * 4 * outputs.size());
      for (String out : outputs) {
        for (Map.Entry<String, ReceivedSpan> e : byRound.entrySet()) {
          String round = e.getKey();
          // The span's W3C flags as exported: sampled, and (Level 2) the random-trace-id bit.
          String flags = String.format("%02x", e.getValue().span().getFlags() & 0xff);
          assertThat(flags).isIn("01", "03");
          String ids = e.getValue().traceId() + "|" + e.getValue().spanId() + "|" + flags;
          assertThat(lines).as(out + " round " + round).contains(
              "LOG " + out + "|" + ids + "|u1|inside " + round,
              "LOG " + out + "|" + ids + "||task " + round,
              "LOG " + out + "||||u1|outside " + round,
              "LOG " + out + "|||||after " + round);
        }
      }
    }
  }

  private String write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content).toString();
  }

  private static String logbackConfig() {
    return """
        <configuration>
          <appender name="SYNC" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>LOG sync%s</pattern></encoder>
          </appender>
          <appender name="ASYNC_OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>LOG async%s</pattern></encoder>
          </appender>
          <appender name="ASYNC" class="ch.qos.logback.classic.AsyncAppender">
            <appender-ref ref="ASYNC_OUT"/>
          </appender>
          <logger name="sync" level="INFO" additivity="false"><appender-ref ref="SYNC"/></logger>
          <logger name="async" level="INFO" additivity="false"><appender-ref ref="ASYNC"/></logger>
          <root level="WARN"/>
        </configuration>
        """.formatted(PATTERN, PATTERN);
  }

  private static String log4jConfig() {
    return """
        <Configuration status="WARN">
          <Appenders>
            <Console name="OUT" target="SYSTEM_OUT"><PatternLayout pattern="LOG sync%s"/></Console>
          </Appenders>
          <Loggers>
            <Root level="info"><AppenderRef ref="OUT"/></Root>
          </Loggers>
        </Configuration>
        """.formatted(PATTERN);
  }
}
