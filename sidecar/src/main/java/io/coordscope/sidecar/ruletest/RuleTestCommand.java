package io.coordscope.sidecar.ruletest;

import io.coordscope.sidecar.rules.RuleFileException;
import io.coordscope.sidecar.rules.RuleFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code coordscope-sidecar test rules FILE...}: runs rule unit-test files in promtool's format
 * and prints like {@code promtool test rules} 2.42 ({@code Unit Testing:  file}, then
 * {@code   SUCCESS} or {@code   FAILED:} with one block per failed case on standard error).
 * Returns the exit code: 0 when every file passed, 1 otherwise. Never calls {@code System.exit}.
 */
public final class RuleTestCommand {

  /** Bound on the size of one test file. */
  static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

  private RuleTestCommand() {}

  public static int run(List<Path> files, PrintStream out, PrintStream err) {
    boolean failed = false;
    for (Path f : files) {
      out.println("Unit Testing:  " + f);
      List<String> errs;
      try {
        errs = ruleUnitTest(f, err);
      } catch (RuntimeException e) {
        errs = List.of("    internal error: " + e);
      }
      if (!errs.isEmpty()) {
        err.println("  FAILED:");
        for (String e : errs) {
          err.println(e);
          out.println();
        }
        failed = true;
      } else {
        out.println("  SUCCESS");
      }
      out.println();
    }
    out.flush();
    err.flush();
    return failed ? 1 : 0;
  }

  private static List<String> ruleUnitTest(Path file, PrintStream err) {
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        return List.of(file + ": file is larger than " + MAX_FILE_BYTES + " bytes");
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of("open " + file + ": " + e.getMessage());
    }
    RuleTestFileParser parser = new RuleTestFileParser(file.toString());
    RuleTestFile tf = parser.parse(text);
    if (tf == null) {
      return parser.errors();
    }
    Path base = file.toAbsolutePath().getParent();
    List<Path> ruleFiles = new ArrayList<>();
    for (String pattern : tf.ruleFiles()) {
      try {
        List<Path> matched = RuleFiles.resolveGlobs(base, List.of(pattern));
        if (matched.isEmpty()) {
          err.println("  WARNING: no file match pattern " + base.resolve(pattern).normalize());
        }
        ruleFiles.addAll(matched);
      } catch (RuleFileException e) {
        return e.errors();
      }
    }
    long evalInterval = tf.evaluationInterval() == null || tf.evaluationInterval().isZero()
        ? 60_000 : tf.evaluationInterval().toMillis();
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < tf.groupEvalOrder().size(); i++) {
      String g = tf.groupEvalOrder().get(i);
      if (order.putIfAbsent(g, i) != null) {
        return List.of("group name repeated in evaluation order: " + g);
      }
    }
    List<String> errs = new ArrayList<>();
    for (RuleTestFile.TestGroup tg : tf.tests()) {
      errs.addAll(TestGroupRunner.run(tg, evalInterval, order, ruleFiles));
    }
    return errs;
  }
}
