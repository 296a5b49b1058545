package io.coordscope.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The one rule for tests that need a real peer (Prometheus, promtool, Alertmanager, a second JDK,
 * the upstream OpenTelemetry agent, the PromQL conformance scripts, a browser): on a laptop without
 * it the test is skipped with a message saying what is missing and how to get it; with
 * {@code -Dcoordscope.requirePeers=true} (CI: the {@code ci} profile, active when {@code CI=true})
 * the same test fails instead, so a build can never go green without its oracles.
 *
 * <pre>{@code
 * Peers.require("promtool", Promtool.available(), "not on PATH; apt-get install prometheus");
 * }</pre>
 *
 * <p>Every skip is also appended to the skip log (see {@link PeerSkipLog}) from which the last
 * module of the build prints one summary line.
 */
public final class Peers {

  /** {@code true}: a missing peer fails the test instead of skipping it. */
  public static final String REQUIRE_PROPERTY = "coordscope.requirePeers";

  private Peers() {}

  /** Whether missing peers fail tests ({@value #REQUIRE_PROPERTY}{@code =true}). */
  public static boolean required() {
    return Boolean.getBoolean(REQUIRE_PROPERTY);
  }

  /**
   * Returns when {@code present}; otherwise skips the calling test, or fails it when peers are
   * required.
   *
   * @param what the peer, as a user would name it, e.g. {@code "promtool"}
   * @param present whether it was found
   * @param hint what was looked for and how to get it, e.g. {@code "not on PATH; apt-get install prometheus"}
   */
  public static void require(String what, boolean present, String hint) {
    if (present) {
      return;
    }
    if (required()) {
      throw new AssertionFailedError("peer missing: " + what + " (" + hint + "); " + REQUIRE_PROPERTY
          + "=true (CI) makes this a failure instead of a skip");
    }
    PeerSkipLog.fromSystemProperty().record(what, hint, callingTestClass());
    Assumptions.abort("SKIPPED, peer missing: " + what + " (" + hint + "); CI fails here (" + REQUIRE_PROPERTY + "=true)");
  }

  /** The first executable file called one of {@code names} in a directory of {@code PATH}. */
  public static Optional<Path> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .flatMap(d -> Stream.of(names).map(n -> Path.of(d, n)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** The outermost-named test class on the stack ({@code *Test}, {@code *IT}), for the skip log. */
  static String callingTestClass() {
    return StackWalker.getInstance().walk(frames -> frames
        .map(f -> f.getClassName().replaceAll("\\$.*", ""))
        .filter(c -> c.endsWith("Test") || c.endsWith("IT") || c.endsWith("Tests"))
        .findFirst()
        .map(c -> c.substring(c.lastIndexOf('.') + 1))
        .orElse("?"));
  }
}
