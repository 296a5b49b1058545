package io.coordscope.sidecar.app;

import io.coordscope.sidecar.config.ConfigException;
import io.coordscope.sidecar.config.CoordscopeSettings;
import io.coordscope.sidecar.ruletest.RuleTestCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.BindException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/** Executes a parsed {@link CommandLine.Command}; the process entry point is {@code Main}. */
public final class Launcher {

  private Launcher() {}

  /**
   * The process entry: {@code run} goes to a child JVM with a bounded heap when this one has none
   * (see {@link HeapBound}); everything else runs here.
   *
   * @return the process exit code
   */
  public static int main(String mainClass, String[] args, CommandLine.Command command, PrintStream out,
      PrintStream err) {
    if (command instanceof CommandLine.Run run) {
      int code = HeapBound.reexecIfNeeded(mainClass, args, maxSeries(run.options()), err);
      if (code >= 0) {
        return code;
      }
    }
    return execute(command, out, err);
  }

  /** The series limit the heap follows; a bad file gets the default here and its error from the child. */
  static int maxSeries(RunOptions options) {
    try {
      return options.load().coordscope().maxSeries();
    } catch (ConfigException | RuntimeException e) {
      return options.maxSeries().orElse(CoordscopeSettings.DEFAULT_MAX_SERIES);
    }
  }

  /** @return the process exit code (the {@code run} command returns only when stopped) */
  public static int execute(CommandLine.Command command, PrintStream out, PrintStream err) {
    if (command instanceof CommandLine.Help) {
      out.print(CommandLine.help());
      return 0;
    }
    if (command instanceof CommandLine.Validate v) {
      return Validator.run(v.files(), out, err);
    }
    if (command instanceof CommandLine.TestRules t) {
      return RuleTestCommand.run(t.files(), out, err);
    }
    if (command instanceof CommandLine.JavaOptions j) {
      // For bin/coordscope-sidecar: one line it passes to java before -jar, so run needs no second JVM.
      out.println(j.run().map(o -> String.join(" ", HeapBound.forThisJvm(maxSeries(o)))).orElse(""));
      return 0;
    }
    return run(((CommandLine.Run) command).options(), err);
  }

  private static int run(RunOptions options, PrintStream err) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %5$s%6$s%n");
    HeapBound.exitWithParent();
    // The JVM options in effect (the launcher's defaults or COORDSCOPE_SIDECAR_JAVA_OPTS), so a log
    // tells which collector and heap a sidecar ran with.
    Logger.getLogger(Launcher.class.getName()).info("JVM " + Runtime.version() + ", max heap "
        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, options: "
        + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    // SIGHUP is taken over before the web server listens: without a handler the JVM treats it as a
    // stop signal, and a reload asked for while starting would stop the sidecar or be lost.
    SighupGate hup = new SighupGate();
    onSighup(hup::signalled, err);
    Sidecar sidecar;
    try {
      sidecar = Sidecar.start(options, Clock.systemUTC());
    } catch (ConfigException e) {
      err.println("coordscope-sidecar: configuration error:\n" + e.getMessage());
      return 1;
    } catch (BindException e) {
      err.println("coordscope-sidecar: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("coordscope-sidecar: cannot start: " + e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sidecar.close();
      stopped.countDown();
    }, "coordscope-sidecar-shutdown"));
    hup.started(sidecar::reload);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * Reloads on SIGHUP through {@code sun.misc.Signal}, looked up reflectively because it is not
   * part of the Java API (and javac would warn); where it is missing, {@code /-/reload} remains.
   */
  static void onSighup(Runnable reload, PrintStream err) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      InvocationHandler h = (Object proxy, Method m, Object[] a) -> {
        if (m.getName().equals("handle")) {
          new Thread(reload, "coordscope-sidecar-sighup").start();
          return null;
        }
        return m.getName().equals("hashCode") ? System.identityHashCode(proxy)
            : m.getName().equals("equals") ? proxy == a[0] : "SIGHUP handler";
      };
      Object handler = Proxy.newProxyInstance(Launcher.class.getClassLoader(), new Class<?>[] {handlerType}, h);
      Object hup = signal.getConstructor(String.class).newInstance("HUP");
      Object previous = signal.getMethod("handle", signal, handlerType).invoke(null, hup, handler);
      if (previous == handlerType.getField("SIG_IGN").get(null)) {
        // The JVM keeps a signal that was ignored when it started (nohup) ignored: no handler runs.
        err.println("coordscope-sidecar: SIGHUP is ignored by this process (started under nohup?), so it"
            + " cannot reload the configuration; use POST /-/reload with --web.enable-lifecycle");
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      err.println("coordscope-sidecar: SIGHUP reload unavailable (" + e + "); use POST /-/reload");
    }
  }
}
