package io.coordscope.sidecar.app;

import io.coordscope.sidecar.config.ConfigException;
import io.coordscope.sidecar.config.ConfigLoader;
import io.coordscope.sidecar.config.KpiRegistryLoader;
import io.coordscope.sidecar.config.SidecarConfig;
import io.coordscope.sidecar.rules.RuleFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code validate FILE...}: each file is recognised by its content (a rule file has {@code groups},
 * a KPI registry {@code kpis}; anything else is read as {@code sidecar.yml}, whose rule files and
 * KPI registry are then checked too, as {@code promtool check config} does). Errors go to {@code err} as {@code file:line: message}.
 */
final class Validator {

  private Validator() {}

  /** @return 0 when every file is valid, 1 otherwise */
  static int run(List<Path> files, PrintStream out, PrintStream err) {
    int failed = 0;
    for (Path f : files) {
      List<String> errors = new ArrayList<>();
      String what = validate(f, errors);
      if (errors.isEmpty()) {
        out.println(f + ": OK (" + what + ")");
      } else {
        failed++;
        errors.forEach(err::println);
      }
    }
    if (failed > 0) {
      err.println(failed + " of " + files.size() + " file(s) invalid");
    }
    return failed == 0 ? 0 : 1;
  }

  /** Adds the errors of one file; returns what kind of file it was. */
  static String validate(Path f, List<String> errors) {
    Object doc;
    try {
      if (Files.size(f) > ConfigLoader.MAX_FILE_BYTES) {
        errors.add(f + ":0: file larger than " + ConfigLoader.MAX_FILE_BYTES + " bytes");
        return "too large";
      }
      LoaderOptions o = new LoaderOptions();
      o.setMaxAliasesForCollections(50);
      doc = new Yaml(o).load(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      errors.add(f + ":0: cannot read: " + e);
      return "unreadable";
    } catch (RuntimeException e) {
      // Not YAML: the config loader reports the syntax error with its line.
      doc = null;
    }
    if (doc instanceof Map<?, ?> m && m.containsKey("groups")) {
      errors.addAll(RuleFiles.validate(f));
      return "rule file";
    }
    if (doc instanceof Map<?, ?> m && m.containsKey("kpis")) {
      errors.addAll(KpiRegistryLoader.validate(f));
      return "KPI registry";
    }
    if (doc instanceof Map<?, ?> m && m.containsKey("tests")) {
      errors.add(f + ":1: this is a rule unit-test file; run it with: coordscope-sidecar test rules " + f);
      return "rule test file";
    }
    try {
      SidecarConfig c = ConfigLoader.load(f);
      List<Path> ruleFiles = c.resolveRuleFiles();
      for (Path r : ruleFiles) {
        errors.addAll(RuleFiles.validate(r));
      }
      c.coordscope().kpiRegistry().ifPresent(k -> errors.addAll(KpiRegistryLoader.validate(k)));
      return "config, " + c.scrapeConfigs().size() + " scrape configs, " + ruleFiles.size() + " rule files"
          + (c.coordscope().kpiRegistry().isPresent() ? ", KPI registry" : "");
    } catch (ConfigException e) {
      errors.add(e.getMessage());
      return "config";
    }
  }
}
