package io.coordscope.sidecar.rules;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads and validates rule files in the Prometheus format. Errors read {@code file:line: message}
 * and all of them are reported, not only the first.
 */
public final class RuleFiles {

  /** The default rule set shipped in the jar (classpath resources), loaded when no rule_files are configured. */
  public static final List<String> BUILT_IN = List.of("rules/coordscope-slo.rules.yml", "rules/coordscope-alerts.rules.yml");

  /** Bound on the size of one rule file. */
  public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  private RuleFiles() {}

  /** Loads every file, checking expressions with coordscope's PromQL parser. */
  public static List<RuleGroup> load(List<Path> files) throws RuleFileException {
    return load(files, PromQLRules.checker());
  }

  /** The errors of one file (expressions checked with coordscope's PromQL parser), empty when it is valid. */
  public static List<String> validate(Path file) {
    return validate(file, PromQLRules.checker());
  }

  /** Loads every file; any error in any file fails the whole load (a reload then keeps the old rules). */
  public static List<RuleGroup> load(List<Path> files, ExpressionChecker checker) throws RuleFileException {
    List<String> errors = new ArrayList<>();
    List<RuleGroup> groups = new ArrayList<>();
    for (Path f : files) {
      groups.addAll(parse(f, checker, errors));
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return groups;
  }

  /**
   * Loads the built-in rule set from the classpath; its groups' file is {@code builtin:<resource>}.
   *
   * @throws RuleFileException if a resource is missing or invalid (a build defect)
   */
  public static List<RuleGroup> loadBuiltIn() throws RuleFileException {
    List<String> errors = new ArrayList<>();
    List<RuleGroup> groups = new ArrayList<>();
    for (String resource : BUILT_IN) {
      try (java.io.InputStream in = RuleFiles.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          errors.add("builtin:" + resource + ":0: resource missing from the jar");
          continue;
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        groups.addAll(new RuleFileParser("builtin:" + resource, PromQLRules.checker(), errors).parse(text));
      } catch (IOException e) {
        errors.add("builtin:" + resource + ":0: " + e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return groups;
  }

  /** The errors of one file, empty when it is valid. */
  public static List<String> validate(Path file, ExpressionChecker checker) {
    List<String> errors = new ArrayList<>();
    parse(file, checker, errors);
    return errors;
  }

  private static List<RuleGroup> parse(Path f, ExpressionChecker checker, List<String> errors) {
    String text;
    try {
      if (Files.size(f) > MAX_FILE_BYTES) {
        errors.add(f + ":1: file is larger than " + MAX_FILE_BYTES + " bytes");
        return List.of();
      }
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f)))
          .toString();
    } catch (CharacterCodingException e) {
      errors.add(f + ":1: file is not valid UTF-8");
      return List.of();
    } catch (IOException e) {
      errors.add(f + ":0: cannot read rule file: " + e);
      return List.of();
    }
    try {
      return new RuleFileParser(f.toString(), checker, errors).parse(text);
    } catch (RuntimeException e) {
      // A parser defect must surface as a load error, never as an exception into the caller.
      errors.add(f + ":1: internal error reading rule file: " + e);
      return List.of();
    }
  }

  /**
   * Resolves {@code rule_files} patterns as Prometheus does: relative to {@code baseDir} (the
   * configuration file's directory), {@code *}, {@code ?} and {@code [...]} within one path
   * element, matches sorted; a pattern that matches nothing is not an error.
   */
  public static List<Path> resolveGlobs(Path baseDir, List<String> patterns) throws RuleFileException {
    List<Path> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String pattern : patterns) {
      Path p = baseDir.toAbsolutePath().resolve(pattern).normalize();
      if (!hasMeta(pattern)) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
        continue;
      }
      Path root = p.getRoot() == null ? Path.of("") : p.getRoot();
      int depth = 0;
      for (Path part : p) {
        if (hasMeta(part.toString())) {
          break;
        }
        root = root.resolve(part);
        depth++;
      }
      int remaining = p.getNameCount() - depth;
      PathMatcher matcher;
      try {
        matcher = FileSystems.getDefault().getPathMatcher("glob:" + p.toString().replace("**", "*"));
      } catch (IllegalArgumentException e) {
        errors.add(pattern + ":0: invalid rule file path: " + e.getMessage());
        continue;
      }
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(root, remaining)) {
        s.filter(x -> x.getNameCount() == p.getNameCount() && matcher.matches(x) && Files.isRegularFile(x))
            .sorted()
            .forEach(out::add);
      } catch (IOException e) {
        errors.add(pattern + ":0: cannot list rule files: " + e);
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleFileException(errors);
    }
    return out;
  }

  private static boolean hasMeta(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }
}
