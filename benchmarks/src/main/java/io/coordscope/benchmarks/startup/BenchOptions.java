package io.coordscope.benchmarks.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The start-up benchmark's command line; every path defaults to the build's output under {@code --root}. */
final class BenchOptions {

  static final String USAGE =
      "usage: StartupBench [--runs N (5)] [--warmup N (1)] [--cases none,coordscope,base,otel,otel+ext]"
          + " [--base-agent JAR (case base: another build of the agent)]"
          + " [--apps hello,spring] [--root REPO_DIR (.)] [--java JAVA_HOME (this JVM's)]"
          + " [--out FILE (benchmarks/target/startup-results.md)] [--exporter none|otlp (none)]";

  int runs = 5;
  int warmup = 1;
  List<AgentCase> cases;
  boolean hello = true;
  boolean spring = true;
  Path root;
  Path java;
  Path out;
  String exporter = "none";
  Path coordscopeAgent;
  /** Case {@code base}: another build of our agent; null unless {@code --base-agent} is given. */
  Path baseAgent;
  Path otelAgent;
  Path extension;
  Path ledger;
  /** Class path holding {@link Hello}: this benchmark's own classes. */
  String helloClassPath;

  static BenchOptions parse(String... args) {
    BenchOptions o = new BenchOptions();
    Path root = Paths.get(".");
    String javaHome = System.getProperty("java.home");
    String out = null;
    for (int i = 0; i < args.length; i++) {
      String k = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + k + "; " + USAGE);
      }
      String v = args[++i];
      switch (k) {
        case "--runs":
          o.runs = positive(k, v);
          break;
        case "--warmup":
          o.warmup = Integer.parseInt(v);
          break;
        case "--cases":
          List<AgentCase> cs = new ArrayList<>();
          for (String id : v.split(",")) {
            cs.add(AgentCase.byId(id.trim()));
          }
          o.cases = cs;
          break;
        case "--apps":
          List<String> apps = Arrays.asList(v.split(","));
          o.hello = apps.contains("hello");
          o.spring = apps.contains("spring");
          if (!o.hello && !o.spring) {
            throw new IllegalArgumentException("--apps '" + v + "': allowed hello, spring or both");
          }
          break;
        case "--root":
          root = Paths.get(v);
          break;
        case "--java":
          javaHome = v;
          break;
        case "--base-agent":
          o.baseAgent = Paths.get(v).toAbsolutePath().normalize();
          break;
        case "--out":
          out = v;
          break;
        case "--exporter":
          if (!v.equals("none") && !v.equals("otlp")) {
            throw new IllegalArgumentException("--exporter '" + v + "': allowed none, otlp");
          }
          o.exporter = v;
          break;
        default:
          throw new IllegalArgumentException("unknown option " + k + "; " + USAGE);
      }
    }
    if (o.cases == null) {
      o.cases = new ArrayList<>(Arrays.asList(AgentCase.values()));
      if (o.baseAgent == null) {
        o.cases.remove(AgentCase.BASELINE);
      }
    }
    o.root = root.toAbsolutePath().normalize();
    o.java = Paths.get(javaHome, "bin", "java");
    o.out = out != null ? Paths.get(out) : o.root.resolve("benchmarks/target/startup-results.md");
    o.coordscopeAgent = o.root.resolve("javaagent/target/coordscope-agent.jar");
    o.otelAgent = o.root.resolve("benchmarks/target/agents/opentelemetry-javaagent.jar");
    o.extension = o.root.resolve("extension/target/coordscope-extension.jar");
    o.ledger = o.root.resolve("sample-apps/ledger/target/sample-ledger.jar");
    o.helloClassPath = ownClassPath();
    if (!Files.isExecutable(o.java)) {
      throw new IllegalArgumentException("--java: no executable " + o.java);
    }
    return o;
  }

  private static int positive(String k, String v) {
    int n = Integer.parseInt(v);
    if (n < 1) {
      throw new IllegalArgumentException(k + " '" + v + "': allowed an integer of at least 1");
    }
    return n;
  }

  static String ownClassPath() {
    try {
      return Paths.get(Hello.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (Exception e) {
      throw new IllegalStateException("cannot locate the benchmark's own classes", e);
    }
  }
}
