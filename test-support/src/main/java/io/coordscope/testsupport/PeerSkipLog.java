package io.coordscope.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The skipped peer tests of one build: a directory (system property {@value #DIR_PROPERTY}, one per
 * build because its name holds the build's start time) of tab-separated lines {@code what, hint,
 * test class}, one file per test JVM so that surefire and failsafe forks never share a file.
 */
public final class PeerSkipLog {

  /** The directory of this build's skip log; unset: skips are not logged (an IDE run). */
  public static final String DIR_PROPERTY = "coordscope.peerSkips.dir";

  /** One skipped test: which peer was missing, why, in which test class. */
  public record Skip(String what, String hint, String testClass) {}

  private final Path dir;

  public PeerSkipLog(Path dir) {
    this.dir = dir;
  }

  static PeerSkipLog fromSystemProperty() {
    String d = System.getProperty(DIR_PROPERTY, "");
    return new PeerSkipLog(d.isEmpty() ? null : Path.of(d));
  }

  /** Appends one skip; a log that cannot be written never turns a skip into an error. */
  public synchronized void record(String what, String hint, String testClass) {
    if (dir == null) {
      return;
    }
    String line = clean(what) + '\t' + clean(hint) + '\t' + clean(testClass) + '\n';
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("skips-" + ProcessHandle.current().pid() + ".tsv"), line, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("[coordscope] could not log a skipped peer test in " + dir + ": " + e);
    }
  }

  /** Every skip logged so far, in file then line order; none when the directory does not exist. */
  public List<Skip> read() {
    List<Skip> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          String[] p = line.split("\t", -1);
          if (p.length == 3) {
            out.add(new Skip(p[0], p[1], p[2]));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }
}
