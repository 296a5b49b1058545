package io.coordscope.agent.it.support;

import io.coordscope.testsupport.Peers;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts a separate JVM for integration tests: {@code java [-javaagent:<shaded jar>[=args]] [jvm
 * opts] -cp <classpath> <main> [args]}, or a JDK tool such as {@code jar --version}, with
 * environment overrides and a timeout, and captures stdout, stderr and the exit code.
 *
 * <p>The forked class path holds only {@code target/test-classes} and the coordscope-annotations
 * jar: never the agent's unshaded classes or its dependencies, so what the application sees is
 * exactly what the shaded jar gives it.
 *
 * <pre>{@code
 * ForkedJvm.Result r = ForkedJvm.current().withAgent("log.level=debug")
 *     .main(DispatcherApp.class, "3", "1").run();
 * }</pre>
 */
public final class ForkedJvm {

  /** System property naming the built, shaded agent jar (failsafe sets it). */
  public static final String AGENT_JAR_PROPERTY = "coordscope.agent.jar";

  /** System property naming the home of the second JDK (Temurin 25); absent = skip. */
  public static final String JDK25_PROPERTY = "coordscope.it.jdk25";

  private final Path javaHome;
  private final List<String> agentOptions = new ArrayList<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> removedEnv = new ArrayList<>();
  private final List<String> programArgs = new ArrayList<>();
  private String mainClass;
  private List<String> tool;
  private Duration timeout = Duration.ofMinutes(3); // generous: a busy CI machine is slow, not wrong
  private final List<String> extraClassPath = new ArrayList<>();

  private ForkedJvm(Path javaHome) {
    this.javaHome = javaHome;
    // The forked JVM must not inherit the test runner's own agent settings.
    removedEnv.add("JAVA_TOOL_OPTIONS");
    removedEnv.add("JDK_JAVA_OPTIONS");
    removedEnv.add("_JAVA_OPTIONS");
  }

  /** The JDK running the tests. */
  public static ForkedJvm current() {
    return new ForkedJvm(Paths.get(System.getProperty("java.home")));
  }

  /** The Temurin 25 JDK; a skipped test without it (a failed one when peers are required, in CI). */
  public static ForkedJvm jdk25() {
    String home = System.getProperty(JDK25_PROPERTY, "");
    Peers.require("JDK 25", !home.isEmpty() && Files.isExecutable(Paths.get(home, "bin", "java")),
        "no bin/java under " + JDK25_PROPERTY + "='" + home + "'; install Temurin 25 or pass -D" + JDK25_PROPERTY + "=JAVA_HOME");
    return new ForkedJvm(Paths.get(home));
  }

  /** {@code "17"} or {@code "25"}: a JDK by its role in the test matrix, for parameterized tests. */
  public static ForkedJvm jdk(String which) {
    return "25".equals(which) ? jdk25() : current();
  }

  /** The built, shaded agent jar; fails the test when failsafe did not pass it. */
  public static Path agentJar() {
    String p = System.getProperty(AGENT_JAR_PROPERTY);
    if (p == null || p.isEmpty() || !Files.isRegularFile(Paths.get(p))) {
      throw new IllegalStateException(
          "system property " + AGENT_JAR_PROPERTY + " must name the shaded agent jar (got '" + p
              + "'); run forked-JVM tests through failsafe: mvn -pl javaagent -am verify");
    }
    return Paths.get(p);
  }

  /** Attaches the shaded agent with an argument string (null or empty: none). Call twice to attach twice. */
  public ForkedJvm withAgent(String agentArgs) {
    String opt = "-javaagent:" + agentJar();
    agentOptions.add(agentArgs == null || agentArgs.isEmpty() ? opt : opt + '=' + agentArgs);
    return this;
  }

  public ForkedJvm withAgent() {
    return withAgent(null);
  }

  public ForkedJvm jvmOption(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  /** Shorthand for {@code -Dkey=value}. */
  public ForkedJvm sysProp(String key, String value) {
    return jvmOption("-D" + key + '=' + value);
  }

  public ForkedJvm env(String key, String value) {
    env.put(key, value);
    return this;
  }

  /**
   * Adds an entry after the test classes and the annotations jar: a jar a test inspects (such as
   * the agent jar's service files), or a library the application under the agent runs on (Tomcat,
   * Spring Boot; a {@code dir/*} wildcard names every jar in a directory). Never the agent's own
   * unshaded dependencies.
   */
  public ForkedJvm extraClassPath(Path entry) {
    extraClassPath.add(entry.toString());
    return this;
  }

  public ForkedJvm timeout(Duration t) {
    this.timeout = t;
    return this;
  }

  /** Runs {@code main} from the test classes with the given program arguments. */
  public ForkedJvm main(Class<?> main, String... args) {
    return main(main.getName(), args);
  }

  public ForkedJvm main(String main, String... args) {
    this.mainClass = main;
    programArgs.addAll(List.of(args));
    return this;
  }

  /**
   * Runs a JDK tool ({@code jar}, {@code javac}, {@code jcmd} ...) of this JDK instead of a main
   * class. Agent and JVM options do not apply; pass them through {@code JAVA_TOOL_OPTIONS}.
   */
  public ForkedJvm tool(String name, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaHome.resolve("bin").resolve(name).toString());
    cmd.addAll(List.of(args));
    this.tool = cmd;
    return this;
  }

  /** {@code JAVA_TOOL_OPTIONS} with {@code -javaagent:<shaded jar>[=args]}: the zero-code rollout. */
  public ForkedJvm agentViaJavaToolOptions(String agentArgs) {
    String opt = "-javaagent:" + agentJar();
    return env("JAVA_TOOL_OPTIONS", agentArgs == null || agentArgs.isEmpty() ? opt : opt + '=' + agentArgs);
  }

  /** The command line {@link #run} executes. */
  public List<String> command() {
    if (tool != null) {
      return List.copyOf(tool);
    }
    if (mainClass == null) {
      throw new IllegalStateException("call main(...) or tool(...) first");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(javaHome.resolve("bin").resolve("java").toString());
    cmd.addAll(agentOptions);
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(extraClassPath.isEmpty() ? classPath() : classPath() + File.pathSeparator + String.join(File.pathSeparator, extraClassPath));
    cmd.add(mainClass);
    cmd.addAll(programArgs);
    return cmd;
  }

  /** Starts the process without waiting, for tests that talk to it while it runs. */
  public Process start() {
    ProcessBuilder pb = new ProcessBuilder(command());
    removedEnv.forEach(pb.environment()::remove);
    pb.environment().putAll(env);
    try {
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command(), e);
    }
  }

  /** Starts the process and keeps reading its output; for tests that wait for a line or use stdin. */
  public RunningJvm startRunning() {
    return new RunningJvm(start());
  }

  /** Runs to completion; a process still running at the timeout is killed and the test fails. */
  public Result run() {
    Process p = start();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "forked JVM did not finish within " + timeout + ": " + command() + "\nstdout:\n"
                + out.getNow("") + "\nstderr:\n" + err.getNow(""));
      }
      return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new AssertionError("interrupted", e);
    } catch (Exception e) {
      throw new AssertionError("reading the forked JVM's output failed", e);
    }
  }

  /** Reads a stream fully on a daemon thread, so a chatty child never blocks on a full pipe. */
  public static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                f.completeExceptionally(e);
              }
            },
            "forked-jvm-drain");
    t.setDaemon(true);
    t.start();
    return f;
  }

  /** {@code target/test-classes} plus the coordscope-annotations jar (or classes directory). */
  public static String classPath() {
    return location(ForkedJvm.class) + File.pathSeparator + annotationsLocation();
  }

  private static String annotationsLocation() {
    try {
      return location(Class.forName("io.coordscope.annotations.CoordinationOp"));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("coordscope-annotations is not on the test class path", e);
    }
  }

  private static String location(Class<?> c) {
    try {
      return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the forked process did. */
  public record Result(int exitCode, String stdout, String stderr) {

    /** The stderr lines the agent wrote (prefix {@code [coordscope]}). */
    public List<String> agentLines() {
      return stderr.lines().filter(l -> l.startsWith("[coordscope]")).toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }
}
