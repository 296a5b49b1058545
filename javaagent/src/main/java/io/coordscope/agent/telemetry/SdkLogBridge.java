package io.coordscope.agent.telemetry;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.agent.metrics.MetricsExports;
import io.opentelemetry.api.OpenTelemetry;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The (shaded) OpenTelemetry SDK logs through java.util.logging; left alone it prints a stack
 * trace to the application's console for every failed export. This takes over the SDK's logger
 * tree: warnings go through the rate-limited {@link ExportFailureLog}, the logging exporter's
 * span lines go to the agent log, everything else is debug output.
 */
final class SdkLogBridge extends Handler {

  /** The relocated package root of the SDK, e.g. {@code io.coordscope.shaded.io.opentelemetry}. */
  static final String ROOT = rootPackage();

  // JUL holds loggers weakly; without a strong reference our settings could be collected.
  private static volatile Logger held;

  private final ExportFailureLog failures;
  private final SimpleFormatter formatter = new SimpleFormatter();

  private SdkLogBridge(ExportFailureLog failures) {
    this.failures = failures;
  }

  static void install(ExportFailureLog failures) {
    try {
      Logger root = Logger.getLogger(ROOT);
      for (Handler h : root.getHandlers()) {
        if (h instanceof SdkLogBridge) {
          root.removeHandler(h);
        }
      }
      root.setUseParentHandlers(false);
      root.setLevel(AgentLog.isDebug() ? Level.FINE : Level.INFO);
      root.addHandler(new SdkLogBridge(failures));
      held = root;
    } catch (RuntimeException e) {
      AgentLog.debug("could not take over the SDK's java.util.logging output: " + e);
    }
  }

  static Logger logger() {
    return held;
  }

  @Override
  public void publish(LogRecord record) {
    try {
      String name = record.getLoggerName() == null ? "" : record.getLoggerName();
      String msg = formatter.formatMessage(record);
      if (name.startsWith(ROOT + ".exporter.logging")) {
        AgentLog.info(msg);
      } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        Throwable t = record.getThrown();
        String reason = t == null ? msg : msg + " (" + t + ')';
        if (!MetricsExports.reportSdkWarning(name, reason)) {
          failures.failure(reason);
        }
      } else {
        AgentLog.debug(msg);
      }
    } catch (RuntimeException ignored) {
      // Logging must never break the export thread.
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  private static String rootPackage() {
    String n = OpenTelemetry.class.getName();
    return n.substring(0, n.length() - ".api.OpenTelemetry".length());
  }
}
