package io.coordscope.sidecar.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * File globs as Prometheus's {@code rule_files} and {@code file_sd_configs} take them: {@code *},
 * {@code ?} and {@code [...]} in any path element (Go's {@code filepath.Glob}). A pattern that
 * matches nothing is not an error, as in Prometheus.
 */
public final class Globs {

  private Globs() {}

  static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** Checks the syntax of every wildcard element; the message names the pattern. */
  static void check(String pattern) {
    for (Path element : Path.of(pattern)) {
      String e = element.toString();
      if (hasWildcard(e)) {
        try {
          FileSystems.getDefault().getPathMatcher("glob:" + e);
        } catch (PatternSyntaxException ex) {
          throw new IllegalArgumentException("invalid glob \"" + pattern + "\": " + ex.getDescription(), ex);
        }
      }
    }
  }

  /** The existing regular files the patterns (absolute) match, sorted and de-duplicated. */
  public static List<Path> expandAll(List<String> patterns) throws ConfigException {
    TreeSet<Path> out = new TreeSet<>();
    for (String p : patterns) {
      try {
        out.addAll(expand(Path.of(p)));
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(p + ": cannot expand pattern: " + e.getMessage(), e);
      }
    }
    return new ArrayList<>(out);
  }

  static List<Path> expand(Path pattern) throws IOException {
    if (!hasWildcard(pattern.toString())) {
      return Files.isRegularFile(pattern) ? List.of(pattern) : List.of();
    }
    List<Path> current = new ArrayList<>();
    current.add(pattern.getRoot() == null ? Path.of("") : pattern.getRoot());
    for (Path element : pattern) {
      String e = element.toString();
      List<Path> next = new ArrayList<>();
      for (Path dir : current) {
        if (!hasWildcard(e)) {
          next.add(dir.resolve(e));
          continue;
        }
        if (!Files.isDirectory(dir.toString().isEmpty() ? Path.of(".") : dir)) {
          continue;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + e);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.toString().isEmpty() ? Path.of(".") : dir)) {
          for (Path child : ds) {
            if (m.matches(child.getFileName())) {
              next.add(dir.resolve(child.getFileName()));
            }
          }
        }
      }
      current = next;
    }
    return current.stream().filter(Files::isRegularFile).sorted().toList();
  }
}
