package io.coordscope.benchmarks.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the HTTP hooks add to a request, end to end, measured in one JVM: a JDK {@code HttpServer}
 * and a client ({@code HttpURLConnection} or {@code java.net.http.HttpClient}) under the agent, with
 * the hooks switched on and off between short phases of the same request loop. A pair is one "on"
 * phase and one "off" phase next to each other (the order alternates); its difference is what the
 * hooks add per request. Because both phases of a pair run in the same JVM, with the same JIT state,
 * seconds apart, the drift that makes separate JVMs differ by ±10–30 µs per request here cancels:
 * 100 pairs give the added time to about ±0.6 µs (95 % confidence).
 *
 * <p>Switched: the client hooks and the executor hooks through the agent's bridge (its no-op handler
 * installed, as when propagation is off: the inlined advice stays and returns at once), the SERVER
 * span through the context (the same handler on a second context whose agent filter is removed).
 * So "off" still carries the advice's entry checks, and the figure is the hooks' work per request.
 * The toggles: {@code header} (no hooks; the application sets the same {@code traceparent} in the
 * "on" phase: the JDK's own cost of one more header line, which any propagating agent pays),
 * {@code client}, {@code server}, {@code both}. Each phase is checked (the server counts the
 * requests that arrive with a {@code traceparent}), so a run never times a hook that did nothing.
 *
 * <p>The fork is pinned to one core with {@code taskset} when there is one: on two cores the four
 * threads of a round trip (client, dispatcher, two handlers) hand off differently from phase to
 * phase, on one core in the same order every request.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.coordscope.benchmarks.http.HookToggle
 * [--agent JAR] [--pairs 100] [--phase 2000] [--warmup 30000] [--samplers off,on]
 * [--clients urlConnection,httpClient] [--toggles header,client,server,both] [--core N|none]
 * [--out benchmarks/target/hook-toggle.md]}. Reports figures, asserts none.
 */
public final class HookToggle {

  /** The clients the fork knows ({@code HookToggleFork.send}). */
  static final List<String> CLIENTS = List.of("urlConnection", "httpClient");
  static final List<String> TOGGLES =
      Arrays.stream(HookToggleFork.Toggle.values()).map(Enum::name).toList();
  /** Sampler option value -> the {@link HttpCase} it runs. */
  static final Map<String, String> SAMPLERS = Map.of("off", "coordscope, sampler off", "on", "coordscope");

  private HookToggle() {}

  /** The options; every one has a default. */
  static final class Options {
    Path agent = Path.of("javaagent/target/coordscope-agent.jar");
    int pairs = 100;
    int phase = 2000;
    int warmup = 30_000;
    List<String> samplers = List.of("off", "on");
    List<String> clients = CLIENTS;
    List<String> toggles = TOGGLES;
    /** The core the fork is pinned to; -1 for none. */
    int core = defaultCore();
    Path out = Path.of("benchmarks/target/hook-toggle.md");

    static Options parse(String... args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + name + " needs a value");
        }
        String v = args[++i];
        switch (name) {
          case "--agent" -> o.agent = Path.of(v);
          case "--pairs" -> o.pairs = positive(name, v);
          case "--phase" -> o.phase = positive(name, v);
          case "--warmup" -> o.warmup = positive(name, v);
          case "--samplers" -> o.samplers = list(name, v, List.copyOf(SAMPLERS.keySet()));
          case "--clients" -> o.clients = list(name, v, CLIENTS);
          case "--toggles" -> o.toggles = list(name, v, TOGGLES);
          case "--core" -> o.core = v.equals("none") ? -1 : positiveOrZero(name, v);
          case "--out" -> o.out = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option '" + name
              + "'; allowed: --agent, --pairs, --phase, --warmup, --samplers, --clients, --toggles, --core, --out");
        }
      }
      return o;
    }

    private static int positive(String name, String v) {
      int n = positiveOrZero(name, v);
      if (n == 0) {
        throw new IllegalArgumentException(name + " must be at least 1, not 0");
      }
      return n;
    }

    private static int positiveOrZero(String name, String v) {
      try {
        int n = Integer.parseInt(v);
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(name + " takes a whole number, not '" + v + "'");
    }

    private static List<String> list(String name, String v, List<String> allowed) {
      List<String> out = new ArrayList<>();
      for (String s : v.split(",")) {
        if (!allowed.contains(s.trim())) {
          throw new IllegalArgumentException("unknown value '" + s.trim() + "' for " + name + "; allowed: "
              + String.join(", ", allowed));
        }
        out.add(s.trim());
      }
      return out;
    }

    /** The last core, when {@code taskset} is there to pin to it. */
    private static int defaultCore() {
      return Files.isExecutable(Path.of("/usr/bin/taskset")) ? Runtime.getRuntime().availableProcessors() - 1 : -1;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    String md = run(o);
    System.out.println(md);
    Files.createDirectories(o.out.toAbsolutePath().getParent());
    Files.writeString(o.out, md);
    System.out.println("# hook-toggle: table written to " + o.out);
  }

  /** Forks one JVM per sampler and returns the Markdown table. */
  static String run(Options o) throws IOException, InterruptedException {
    if (!Files.isRegularFile(o.agent)) {
      throw new IllegalArgumentException("no agent jar at " + o.agent.toAbsolutePath()
          + "; build it (./mvnw -pl javaagent -am package -DskipTests) or pass --agent JAR");
    }
    Map<String, HttpCase> cases = new LinkedHashMap<>();
    for (HttpCase c : HttpCase.coordscope(o.agent, null)) {
      cases.put(c.name, c);
    }
    StringBuilder md = new StringBuilder();
    md.append("JDK ").append(Runtime.version()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, fork ").append(o.core < 0 ? "not pinned" : "pinned to core " + o.core).append("; ")
        .append(o.pairs).append(" pairs of ").append(o.phase).append("-request phases after ").append(o.warmup)
        .append(" warm-up requests.\n\n")
        .append("| client | sampler | switched on in the \"on\" phase | added µs per request: median of the pairs (p25 – p75) "
            + "| mean ± 95 % CI | µs per request, on / off | added CPU µs per request |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (String sampler : o.samplers) {
      HttpCase c = cases.get(SAMPLERS.get(sampler));
      for (String line : fork(o, c, sampler)) {
        md.append(row(line, sampler)).append('\n');
      }
    }
    return md.toString();
  }

  private static List<String> fork(Options o, HttpCase c, String sampler) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (o.core >= 0) {
      cmd.addAll(List.of("taskset", "-c", Integer.toString(o.core)));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(c.jvmArgs);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), HookToggleFork.class.getName(),
        Integer.toString(o.pairs), Integer.toString(o.phase), Integer.toString(o.warmup),
        String.join(",", o.clients), String.join(",", o.toggles)));
    System.out.println("# hook-toggle: " + c.name + ": " + String.join(" ", cmd.subList(0, Math.min(cmd.size(), 6))) + " …");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    List<String> results = new ArrayList<>();
    StringBuilder other = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith(HookToggleFork.PREFIX)) {
          results.add(line.substring(HookToggleFork.PREFIX.length()));
          System.out.println("# hook-toggle: " + row(results.get(results.size() - 1), sampler)); // as it comes
        } else if (other.length() < 8_000) {
          other.append(line).append('\n');
        }
      }
    }
    int exit = p.waitFor();
    if (exit != 0 || results.size() != o.clients.size() * o.toggles.size()) {
      throw new IllegalStateException("the " + c.name + " fork exited " + exit + " with " + results.size()
          + " results; its output:\n" + other);
    }
    return results;
  }

  /** A table row from a fork's line: client, toggle, pairs, phase, on µs by pair, off µs by pair, CPU ns on, off. */
  static String row(String line, String sampler) {
    String[] f = line.split("\t");
    double[] on = doubles(f[4]);
    double[] off = doubles(f[5]);
    int pairs = on.length;
    double[] diff = new double[pairs];
    for (int i = 0; i < pairs; i++) {
      diff[i] = on[i] - off[i];
    }
    double requests = (double) pairs * Integer.parseInt(f[3]);
    double cpu = (Long.parseLong(f[6]) - Long.parseLong(f[7])) / 1e3 / requests;
    double[] sorted = diff.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "| %s | %s | %s | %+.2f (%+.2f – %+.2f) | %+.2f ± %.2f | %.1f / %.1f | %+.2f |",
        f[0], sampler, f[1], quantile(sorted, 0.5), quantile(sorted, 0.25), quantile(sorted, 0.75), mean(diff),
        1.96 * Math.sqrt(variance(diff) / pairs), mean(on), mean(off), cpu);
  }

  private static double[] doubles(String csv) {
    return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double variance(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }
}
