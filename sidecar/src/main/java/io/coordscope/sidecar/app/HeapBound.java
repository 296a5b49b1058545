package io.coordscope.sidecar.app;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A bounded heap by default. Started as {@code java -jar coordscope-sidecar.jar} without a heap
 * limit, a JVM may take a quarter of the machine's memory, and under hostile targets the
 * sidecar's footprint then follows the machine, not its configuration (measured: 3.1 GB in 90 s).
 * So the {@code run} command re-executes itself once with {@link #DEFAULT_OPTIONS} (or {@code
 * COORDSCOPE_SIDECAR_JAVA_OPTS}), unless the JVM already has a heap limit ({@code -Xmx},
 * {@code -XX:MaxRAM*}); the first JVM then only waits, forwarding SIGHUP and stop to the second.
 * Start it with {@code -Xmx...} yourself to get one JVM.
 */
final class HeapBound {

  /** 512 MiB of heap and the serial collector (least overhead for one small process). */
  static final String DEFAULT_OPTIONS = "-Xmx512m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m";
  static final String ENV_OPTIONS = "COORDSCOPE_SIDECAR_JAVA_OPTS";
  /** Set in the child's environment so it never re-executes again. */
  static final String ENV_MARKER = "COORDSCOPE_SIDECAR_BOUNDED";

  private HeapBound() {}

  /** True when this JVM should re-execute itself with a heap bound. */
  static boolean needed(List<String> jvmArgs, Map<String, String> env) {
    if (env.containsKey(ENV_MARKER)) {
      return false;
    }
    return jvmArgs.stream().noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAM")
        || a.startsWith("-XX:MaxHeapSize"));
  }

  /** The child's command: this JVM's options plus the bound, same class path, same arguments. */
  static List<String> command(List<String> jvmArgs, Map<String, String> env, String javaHome, String classPath,
      String mainClass, String[] args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(javaHome, "bin", "java").toString());
    cmd.addAll(jvmArgs);
    String opts = env.getOrDefault(ENV_OPTIONS, "").isBlank() ? DEFAULT_OPTIONS : env.get(ENV_OPTIONS);
    cmd.addAll(List.of(opts.trim().split("\\s+")));
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * Runs the sidecar in a child JVM with a bounded heap when needed.
   *
   * @return the child's exit code, or -1 when no re-execution is needed (run in this JVM)
   */
  static int reexecIfNeeded(String mainClass, String[] args, PrintStream err) {
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    Map<String, String> env = System.getenv();
    if (!needed(jvmArgs, env)) {
      return -1;
    }
    List<String> cmd = command(jvmArgs, env, System.getProperty("java.home"), System.getProperty("java.class.path"),
        mainClass, args);
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().put(ENV_MARKER, "1");
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      err.println("coordscope-sidecar: cannot start a JVM with a bounded heap (" + e.getMessage()
          + "); running unbounded: pass -Xmx to java to bound it");
      return -1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      child.destroy(); // SIGTERM: the child's own shutdown hook stops it cleanly
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "coordscope-sidecar-stop-child"));
    Launcher.onSighup(() -> signal(child, "HUP"), err);
    try {
      return child.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /**
   * In the child: stop when the launching JVM is gone, even if it was killed without a chance to
   * stop the child (SIGKILL), so no sidecar is left running unseen.
   */
  static void exitWithParent() {
    if (System.getenv(ENV_MARKER) != null) {
      ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> System.exit(0)));
    }
  }

  private static void signal(Process child, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start().waitFor();
    } catch (IOException e) {
      System.err.println("coordscope-sidecar: cannot forward SIG" + signal + " to " + child.pid() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
