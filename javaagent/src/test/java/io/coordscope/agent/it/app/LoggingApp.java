package io.coordscope.agent.it.app;

import io.coordscope.annotations.CoordinationOp;
import io.coordscope.annotations.OpAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Logs through SLF4J/Logback or Log4j 2 with no tracing code of its own. Several threads each run
 * {@code logs.work} operations (attribute {@code round}) that log {@code inside R} and hand a task
 * to a shared single-thread pool that logs {@code task R}; after each operation the caller logs
 * {@code outside R} and the pool logs {@code after R}. The caller's MDC / ThreadContext holds
 * {@code user=u1}. The log configuration (layouts printing {@code trace_id}, {@code span_id},
 * {@code trace_flags}, {@code user}) is the test's. {@code java LoggingApp logback|log4j THREADS ROUNDS}.
 */
public final class LoggingApp {

  public static final String DONE = "logging app done";

  /** The application's logging calls, one implementation per library (each loads only its own classes). */
  interface AppLog {
    void info(String message);

    void put(String key, String value);

    /** Flushes asynchronous appenders. */
    void close();
  }

  private final AppLog log;
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  private LoggingApp(AppLog log) {
    this.log = log;
  }

  public static void main(String[] args) throws Exception {
    AppLog log = "logback".equals(args[0]) ? new Logback() : new Log4j();
    int threads = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    LoggingApp app = new LoggingApp(log);
    List<Thread> callers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread th = new Thread(() -> {
        log.put("user", "u1");
        for (int r = 0; r < rounds; r++) {
          String round = thread + "-" + r;
          app.work(round);
          log.info("outside " + round);
          app.onPool("after " + round);
        }
      }, "caller-" + t);
      th.start();
      callers.add(th);
    }
    for (Thread th : callers) {
      th.join();
    }
    app.pool.shutdown();
    log.close();
    System.out.println(DONE);
    System.out.flush();
    System.exit(0);
  }

  @CoordinationOp(value = "logs.work", kind = "work")
  public void work(@OpAttribute("round") String round) {
    log.info("inside " + round);
    onPool("task " + round);
  }

  private void onPool(String message) {
    try {
      Future<?> f = pool.submit(() -> log.info(message));
      f.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** SLF4J on Logback: logger {@code sync} has a console appender, {@code async} an AsyncAppender. */
  static final class Logback implements AppLog {
    private final org.slf4j.Logger sync = org.slf4j.LoggerFactory.getLogger("sync");
    private final org.slf4j.Logger async = org.slf4j.LoggerFactory.getLogger("async");

    @Override
    public void info(String message) {
      sync.info(message);
      async.info(message);
    }

    @Override
    public void put(String key, String value) {
      org.slf4j.MDC.put(key, value);
    }

    @Override
    public void close() {
      ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).stop();
    }
  }

  /** The Log4j 2 API on Log4j core. */
  static final class Log4j implements AppLog {
    private final org.apache.logging.log4j.Logger sync = org.apache.logging.log4j.LogManager.getLogger("sync");

    @Override
    public void info(String message) {
      sync.info(message);
    }

    @Override
    public void put(String key, String value) {
      org.apache.logging.log4j.ThreadContext.put(key, value);
    }

    @Override
    public void close() {
      org.apache.logging.log4j.LogManager.shutdown();
    }
  }
}
