package io.coordscope.agent.log;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's only logger: lines on stderr with a {@code [coordscope]} prefix and a level switch
 * ({@code log.level}: {@code debug}, {@code info}, {@code warn}, {@code error}, {@code off}). No
 * logging framework, so nothing of the application's logging is touched.
 */
public final class AgentLog {

  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF
  }

  private static volatile Level level = Level.INFO;
  private static volatile PrintStream out = System.err;
  private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

  private AgentLog() {}

  /**
   * @return false when {@code name} is not a level (the level is then unchanged)
   */
  public static boolean setLevel(String name) {
    try {
      level = Level.valueOf(name.trim().toUpperCase(Locale.ROOT));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static Level level() {
    return level;
  }

  /** For tests. */
  public static void setOut(PrintStream stream) {
    out = stream;
  }

  /** The current destination (stderr unless a test replaced it). */
  public static PrintStream out() {
    return out;
  }

  public static boolean isDebug() {
    return level == Level.DEBUG;
  }

  public static void debug(String msg) {
    log(Level.DEBUG, msg, null);
  }

  public static void info(String msg) {
    log(Level.INFO, msg, null);
  }

  public static void warn(String msg) {
    log(Level.WARN, msg, null);
  }

  public static void warn(String msg, Throwable t) {
    log(Level.WARN, msg, t);
  }

  public static void error(String msg, Throwable t) {
    log(Level.ERROR, msg, t);
  }

  /** Logs a warning the first time {@code key} is seen, never again for this JVM. */
  public static void warnOnce(String key, String msg) {
    if (ONCE.add(key)) {
      log(Level.WARN, msg, null);
    }
  }

  private static void log(Level l, String msg, Throwable t) {
    if (l.ordinal() < level.ordinal()) {
      return;
    }
    try {
      PrintStream s = out;
      s.println("[coordscope] " + l.name() + ' ' + msg + (t == null ? "" : ": " + t));
      if (t != null && level == Level.DEBUG) {
        t.printStackTrace(s);
      }
    } catch (Throwable ignored) {
      // A logger must never throw into the caller.
    }
  }
}
