package io.coordscope.agent;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Detects the upstream OpenTelemetry Java agent in this JVM, attached before us (its jar is on
 * the system class path) or after us (a {@code -javaagent:} jar on the command line or in
 * {@code JAVA_TOOL_OPTIONS}/{@code JDK_JAVA_OPTIONS} whose manifest names its premain class).
 */
final class OtelAgentDetector {

  /**
   * Built at run time: the shade plugin rewrites string constants that start with a relocated
   * package, and this one must keep naming the upstream agent, not our relocated copy.
   */
  static final String OTEL_AGENT_CLASS = String.join(".", "io", "opentelemetry", "javaagent", "OpenTelemetryAgent");

  /** The one line that reports the agent, as part of the start-up line. */
  static final String DETECTED =
      "OpenTelemetry Java agent detected: operation spans join its traces and it exports them; HTTP propagation left to it";

  private OtelAgentDetector() {}

  static boolean detect() {
    try {
      if (ClassLoader.getSystemClassLoader().getResource(OTEL_AGENT_CLASS.replace('.', '/') + ".class") != null) {
        return true;
      }
      List<String> args = commandLine();
      addWords(args, System.getenv("JAVA_TOOL_OPTIONS"));
      addWords(args, System.getenv("JDK_JAVA_OPTIONS"));
      for (String jar : agentJars(args)) {
        if (OTEL_AGENT_CLASS.equals(premainClass(jar))) {
          return true;
        }
      }
    } catch (RuntimeException | Error e) {
      // Detection is best effort: on failure we behave as if we were alone.
    }
    return false;
  }

  /**
   * The JVM's arguments. On Linux from {@code /proc/self/cmdline}, not {@link ProcessHandle}: the
   * latter starts the JDK's process-reaper machinery (a thread pool and its classes) in premain.
   */
  private static List<String> commandLine() {
    List<String> args = new ArrayList<>();
    File cmdline = new File("/proc/self/cmdline");
    if (cmdline.canRead()) {
      // A FileInputStream, not Files: the JDK has loaded it already, while Files' channel loads
      // some thirty classes in premain.
      try (FileInputStream in = new FileInputStream(cmdline)) {
        byte[] b = in.readAllBytes();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
          if (b[i] == 0) {
            args.add(new String(b, start, i - start, StandardCharsets.UTF_8));
            start = i + 1;
          }
        }
        return args;
      } catch (IOException e) {
        args.clear();
      }
    }
    ProcessHandle.current().info().arguments().ifPresent(a -> args.addAll(List.of(a)));
    return args;
  }

  /** The jar paths of every {@code -javaagent:path[=args]} argument. */
  static List<String> agentJars(List<String> args) {
    List<String> jars = new ArrayList<>();
    for (String a : args) {
      if (a.startsWith("-javaagent:")) {
        String rest = a.substring("-javaagent:".length());
        int eq = rest.indexOf('=');
        jars.add(eq < 0 ? rest : rest.substring(0, eq));
      }
    }
    return jars;
  }

  private static void addWords(List<String> into, String options) {
    if (options != null) {
      into.addAll(List.of(options.trim().split("\\s+")));
    }
  }

  private static String premainClass(String jar) {
    File f = new File(jar);
    if (!f.isFile()) {
      return null;
    }
    try (JarFile jf = new JarFile(f, false)) {
      Manifest m = jf.getManifest();
      return m == null ? null : m.getMainAttributes().getValue("Premain-Class");
    } catch (IOException e) {
      return null;
    }
  }
}
