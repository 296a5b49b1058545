package io.coordscope.agent.config;

import io.coordscope.agent.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Captures the agent log while open; restores the previous destination on close. */
final class LogCapture implements AutoCloseable {

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream previous;

  LogCapture() {
    previous = AgentLog.out();
    AgentLog.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
  }

  List<String> lines() {
    return buffer.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Override
  public void close() {
    AgentLog.setOut(previous);
  }
}
