package io.coordscope.sidecar.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coordscope.sidecar.model.Labels;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Alert state in a small JSON file, written atomically (temporary file, then rename) so a crash
 * never leaves half a file. A missing file is an empty state; a corrupt or oversized one is
 * reported and ignored (the alerts then start their `for` timers again).
 */
public final class JsonFileAlertStateStore implements AlertStateStore {

  /** Bound on the state file read back. */
  static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Consumer<String> warn;

  /** @param warn receives problems reading or writing the file (for the log) */
  public JsonFileAlertStateStore(Path file, Consumer<String> warn) {
    this.file = file;
    this.warn = warn;
  }

  @Override
  public List<SavedAlert> load() {
    List<SavedAlert> out = new ArrayList<>();
    try {
      if (!Files.exists(file)) {
        return out;
      }
      if (Files.size(file) > MAX_BYTES) {
        warn.accept("alert state file " + file + " is larger than " + MAX_BYTES + " bytes; ignoring it");
        return out;
      }
      JsonNode root = JSON.readTree(file.toFile());
      for (JsonNode a : root.path("alerts")) {
        Labels.Builder b = Labels.builder();
        for (Map.Entry<String, JsonNode> e : a.path("labels").properties()) {
          b.set(e.getKey(), e.getValue().asText());
        }
        out.add(new SavedAlert(a.path("group").asText(), a.path("rule").asText(), b.build(),
            a.path("activeAt").asLong(), a.path("lastEval").asLong()));
      }
    } catch (IOException | RuntimeException e) {
      warn.accept("cannot read alert state file " + file + ": " + e.getMessage() + "; starting without saved state");
      return new ArrayList<>();
    }
    return out;
  }

  @Override
  public void save(List<SavedAlert> alerts) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode arr = root.putArray("alerts");
    for (SavedAlert a : alerts) {
      ObjectNode o = arr.addObject();
      o.put("group", a.groupKey());
      o.put("rule", a.ruleName());
      ObjectNode l = o.putObject("labels");
      a.labels().toMap().forEach(l::put);
      o.put("activeAt", a.activeAtMillis());
      o.put("lastEval", a.lastEvalMillis());
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      JSON.writeValue(tmp.toFile(), root);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      warn.accept("cannot write alert state file " + file + ": " + e.getMessage());
    }
  }
}
