package io.coordscope.sidecar.app;

import io.coordscope.sidecar.config.CoordscopeSettings;
import io.coordscope.sidecar.config.ListenAddress;
import io.coordscope.sidecar.promql.EngineOptions;
import io.coordscope.sidecar.text.GoDuration;
import io.coordscope.sidecar.web.ServerLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the command line: {@code [run flags]}, {@code validate FILE...}, {@code test rules FILE...},
 * {@code java-options [run flags]}, {@code --help}. Flags are written {@code --name=value} or
 * {@code --name value}, as Prometheus's.
 */
public final class CommandLine {

  /** What the process should do. */
  public sealed interface Command {}

  public record Run(RunOptions options) implements Command {}

  public record Validate(List<Path> files) implements Command {}

  public record TestRules(List<Path> files) implements Command {}

  public record Help() implements Command {}

  /**
   * Prints the JVM options the launcher gives {@code run} with these flags (for the start script);
   * none for another command ({@code validate}, {@code --help}), which then runs with the JVM's own.
   */
  public record JavaOptions(Optional<RunOptions> run) implements Command {}

  /** A usage error: exit code 2, with the message and a hint to {@code --help}. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Every flag, its default and meaning, for {@code --help}. */
  static final String[][] FLAGS = {
    {"--config.file=FILE", "(none: embedded default)", "sidecar.yml to load (alias --config)"},
    {"--web.listen-address=ADDR", CoordscopeSettings.DEFAULT_LISTEN_ADDRESS,
        "address to serve /metrics and the API on; overrides coordscope.web.listen_address"},
    {"--web.enable-lifecycle", "false", "allow POST /-/reload (admin endpoints are off without it)"},
    {"--web.config.file=FILE", "(none)", "Prometheus web.yml: TLS (tls_server_config) and basic_auth_users"},
    {"--web.max-connections=N", Integer.toString(ServerLimits.DEFAULTS.maxConnections()),
        "connections served at once; beyond: 503 + Retry-After"},
    {"--web.read-timeout=DURATION", GoDuration.format(ServerLimits.DEFAULTS.readTimeout()),
        "a request (TLS handshake, head, body) not complete within it is dropped"},
    {"--query.max-concurrency=N", Integer.toString(ServerLimits.DEFAULT_QUERY_CONCURRENCY),
        "queries evaluated at once; more wait in a bounded queue, then 503 + Retry-After"},
    {"--query.max-samples=N", "from the heap, at most " + EngineOptions.DEFAULT_MAX_SAMPLES,
        "samples one query may load; beyond: the query fails (422, as Prometheus)"},
    {"--query.timeout=DURATION", GoDuration.format(EngineOptions.DEFAULT_TIMEOUT),
        "longest a query may evaluate; beyond: the query fails (503, as Prometheus)"},
    {"--web.external-url=URL", "http://<hostname>:<port>", "base of alerts' generatorURL"},
    {"--storage.retention=DURATION", GoDuration.format(CoordscopeSettings.DEFAULT_RETENTION),
        "how long samples are kept in memory; overrides coordscope.storage.retention"},
    {"--storage.max-series=N", Integer.toString(CoordscopeSettings.DEFAULT_MAX_SERIES),
        "series limit bounding memory; overrides coordscope.storage.max_series"},
    {"--state.file=PATH", CoordscopeSettings.DEFAULT_STATE_FILE.toString(),
        "alert state kept across restarts (empty: none); overrides coordscope.state_file"},
    {"--rules.alert.for-grace-period=DURATION", "10m",
        "after a restart, alerts whose `for` is at least this long keep their timer (as Prometheus); 0s keeps every timer"},
    {"-h, --help", "", "this help"},
  };

  private static final Set<String> VALUE_FLAGS = Set.of("--config", "--config.file",
      "--web.listen-address", "--web.external-url", "--storage.retention", "--storage.max-series", "--state.file",
      "--rules.alert.for-grace-period", "--web.config.file", "--web.max-connections", "--web.read-timeout",
      "--query.max-concurrency", "--query.max-samples", "--query.timeout");

  private CommandLine() {}

  public static Command parse(String... args) throws UsageException {
    if (args.length > 0 && args[0].equals("validate")) {
      return new Validate(files(args, 1, "validate"));
    }
    if (args.length > 0 && args[0].equals("test")) {
      if (args.length < 2 || !args[1].equals("rules")) {
        throw new UsageException("unknown command \"test " + (args.length > 1 ? args[1] : "") + "\"; did you mean \"test rules FILE...\"?");
      }
      return new TestRules(files(args, 2, "test rules"));
    }
    if (args.length > 0 && args[0].equals("java-options")) {
      Command c = parse(Arrays.copyOfRange(args, 1, args.length));
      return new JavaOptions(c instanceof Run r ? Optional.of(r.options()) : Optional.empty());
    }
    Optional<Path> config = Optional.empty();
    Optional<String> listen = Optional.empty();
    Optional<Duration> retention = Optional.empty();
    Optional<Integer> maxSeries = Optional.empty();
    Optional<String> state = Optional.empty();
    Optional<String> externalUrl = Optional.empty();
    Optional<Duration> forGrace = Optional.empty();
    boolean lifecycle = false;
    Optional<Path> webConfig = Optional.empty();
    ServerLimits limits = ServerLimits.DEFAULTS;
    RunOptions.QueryLimits queryLimits = RunOptions.QueryLimits.DEFAULTS;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        return new Help();
      }
      if (!a.startsWith("--")) {
        throw new UsageException("unexpected argument \"" + a + "\" (commands: validate, test rules, java-options)");
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (name.equals("--web.enable-lifecycle")) {
        lifecycle = eq < 0 || bool(name, a.substring(eq + 1));
        continue;
      }
      if (!VALUE_FLAGS.contains(name)) {
        throw new UsageException("unknown flag " + name);
      }
      String value;
      if (eq >= 0) {
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(name + " needs a value");
      }
      switch (name) {
        case "--config", "--config.file" -> config = Optional.of(Path.of(value));
        case "--web.listen-address" -> listen = Optional.of(listenAddress(value));
        case "--web.external-url" -> externalUrl = Optional.of(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        case "--storage.retention" -> retention = Optional.of(duration(name, value));
        case "--storage.max-series" -> maxSeries = Optional.of(positiveInt(name, value));
        case "--state.file" -> state = Optional.of(value);
        case "--rules.alert.for-grace-period" -> forGrace = Optional.of(nonNegativeDuration(name, value));
        case "--web.config.file" -> webConfig = Optional.of(Path.of(value));
        case "--web.max-connections" -> limits = limits.withMaxConnections(positiveInt(name, value));
        case "--web.read-timeout" -> limits = limits.withTimeouts(duration(name, value), limits.idleTimeout(),
            limits.writeTimeout());
        case "--query.max-concurrency" -> limits = limits.withQueryConcurrency(positiveInt(name, value));
        case "--query.max-samples" -> queryLimits = new RunOptions.QueryLimits(positiveInt(name, value),
            queryLimits.timeout());
        case "--query.timeout" -> queryLimits = new RunOptions.QueryLimits(queryLimits.maxSamples(),
            duration(name, value));
        default -> throw new UsageException("unknown flag " + name);
      }
    }
    return new Run(new RunOptions(config, listen, retention, maxSeries, state, externalUrl, lifecycle, forGrace,
        webConfig, limits, queryLimits));
  }

  private static List<Path> files(String[] args, int from, String command) throws UsageException {
    List<Path> out = new ArrayList<>();
    for (int i = from; i < args.length; i++) {
      out.add(Path.of(args[i]));
    }
    if (out.isEmpty()) {
      throw new UsageException(command + " needs at least one FILE");
    }
    return out;
  }

  private static String listenAddress(String v) throws UsageException {
    try {
      ListenAddress.parse(v);
      return v;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--web.listen-address: " + e.getMessage());
    }
  }

  private static Duration duration(String name, String v) throws UsageException {
    try {
      Duration d = GoDuration.parse(v);
      if (d.isZero()) {
        throw new UsageException(name + " must be greater than 0");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new UsageException(name + ": " + e.getMessage() + " " + GoDuration.EXAMPLES);
    }
  }

  private static Duration nonNegativeDuration(String name, String v) throws UsageException {
    try {
      return GoDuration.parse(v);
    } catch (IllegalArgumentException e) {
      throw new UsageException(name + ": " + e.getMessage() + " " + GoDuration.EXAMPLES);
    }
  }

  private static int positiveInt(String name, String v) throws UsageException {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(name + ": \"" + v + "\" is not a positive integer");
  }

  private static boolean bool(String name, String v) throws UsageException {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new UsageException(name + ": \"" + v + "\" is not true or false");
    };
  }

  /** The {@code --help} text. */
  public static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("""
        usage: java -jar coordscope-sidecar.jar [FLAGS]          run (no flags: the embedded default)
               java -jar coordscope-sidecar.jar validate FILE...  check configs and rule files
               java -jar coordscope-sidecar.jar test rules FILE... run promtool-style rule unit tests
               java -jar coordscope-sidecar.jar java-options [FLAGS]  print the JVM options run gets

        The embedded default scrapes http://127.0.0.1:9464/metrics every 15s, evaluates the shipped
        rules every 15s and listens on :9465.

        flags (flag > sidecar.yml coordscope: > default):
        """);
    for (String[] f : FLAGS) {
      sb.append(String.format(Locale.ROOT, "  %-30s %s%n  %-30s   default: %s%n", f[0], f[2], "",
          f[1].isEmpty() ? "-" : f[1]));
    }
    sb.append("\nexit codes: 0 ok, 1 failure (bad config, port in use, validation errors), 2 usage error\n");
    return sb.toString();
  }
}
