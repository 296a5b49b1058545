package io.coordscope.sidecar.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coordscope.sidecar.model.Labels;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Alert state in a small JSON file, written atomically (temporary file, then rename) so a crash
 * never leaves half a file. A missing file is an empty state; a corrupt or oversized one is
 * reported and ignored (the alerts then start their `for` timers again).
 *
 * <p>Writes are rare: {@link #save} is called after every group evaluation but writes only when the
 * set of pending/firing alerts (group, rule, labels, active-since) changed, or, while alerts are
 * active, to refresh their last-evaluation times once a minute of evaluation time (after a crash,
 * the downtime a restore computes is at most that much too long); and never more often than once
 * per {@code minInterval} (a change inside it is written by a later call or {@link #flush}). A
 * write failure is reported once per distinct reason, naming the file and the OS's reason.
 */
public final class JsonFileAlertStateStore implements AlertStateStore {

  /** Bound on the state file read back. */
  static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** While alerts are active, their last-evaluation times are refreshed at least this often. */
  static final long REFRESH_MILLIS = 60_000;

  private final Path file;
  private final Consumer<String> warn;
  private final LongSupplier clock;
  private final long minIntervalMillis;
  private List<List<Object>> written;
  private long lastWriteMillis = Long.MIN_VALUE / 2;
  /** The newest evaluation time in the file: refreshes are measured in evaluation time. */
  private long writtenEvalMillis = Long.MIN_VALUE / 2;
  private List<SavedAlert> latest;
  private String lastFailure;
  private long writes;

  /** @param warn receives problems reading or writing the file (for the log) */
  public JsonFileAlertStateStore(Path file, Consumer<String> warn) {
    this(file, warn, System::currentTimeMillis, Duration.ZERO);
  }

  /**
   * @param clock milliseconds, for the write interval
   * @param minInterval least time between two writes (the evaluation interval)
   */
  public JsonFileAlertStateStore(Path file, Consumer<String> warn, LongSupplier clock, Duration minInterval) {
    this.file = file;
    this.warn = warn;
    this.clock = clock;
    this.minIntervalMillis = minInterval.toMillis();
  }

  @Override
  public List<SavedAlert> load() {
    List<SavedAlert> out = new ArrayList<>();
    try {
      if (!Files.exists(file)) {
        synchronized (this) {
          written = List.of();
        }
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
      synchronized (this) {
        written = identity(out); // what the file holds: saving the same again writes nothing
        writtenEvalMillis = newestEval(out);
      }
    } catch (IOException | RuntimeException e) {
      warn.accept("cannot read alert state file " + file + ": " + e.getMessage() + "; starting without saved state");
      return new ArrayList<>();
    }
    return out;
  }

  @Override
  public synchronized void save(List<SavedAlert> alerts) {
    latest = alerts;
    long now = clock.getAsLong();
    boolean changed = !identity(alerts).equals(written);
    boolean refresh = !alerts.isEmpty() && newestEval(alerts) - writtenEvalMillis >= REFRESH_MILLIS;
    if ((changed || refresh) && now - lastWriteMillis >= minIntervalMillis) {
      write(alerts, now);
    }
  }

  /** At shutdown: writes a deferred change and the alerts' current last-evaluation times. */
  @Override
  public synchronized void flush() {
    if (latest != null && (!identity(latest).equals(written) || newestEval(latest) != writtenEvalMillis)) {
      write(latest, clock.getAsLong());
    }
  }

  /** Files written so far (for tests and diagnostics). */
  public synchronized long writes() {
    return writes;
  }

  private static long newestEval(List<SavedAlert> alerts) {
    return alerts.stream().mapToLong(SavedAlert::lastEvalMillis).max().orElse(Long.MIN_VALUE / 2);
  }

  /** What makes alert state differ: everything but the last-evaluation time. */
  private static List<List<Object>> identity(List<SavedAlert> alerts) {
    return alerts.stream().map(a -> List.<Object>of(a.groupKey(), a.ruleName(), a.labels(), a.activeAtMillis())).toList();
  }

  private void write(List<SavedAlert> alerts, long now) {
    lastWriteMillis = now;
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
      written = identity(alerts);
      writtenEvalMillis = newestEval(alerts);
      writes++;
      if (lastFailure != null) {
        lastFailure = null;
        warn.accept("alert state file " + file + " written again");
      }
    } catch (IOException | RuntimeException e) {
      String failure = "cannot write alert state file " + file.toAbsolutePath() + ": " + reason(e)
          + "; alert `for` timers will not survive a restart until this is fixed (--state.file, \"\" for none)";
      if (!failure.equals(lastFailure)) {
        lastFailure = failure;
        warn.accept(failure);
      }
    }
  }

  /** The OS's reason, which NIO puts in a subclass or {@code getReason()} rather than the message. */
  static String reason(Exception e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied (" + a.getFile() + ")";
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file or directory (" + n.getFile() + ")";
    }
    if (e instanceof FileAlreadyExistsException x) {
      return "exists and is not a directory (" + x.getFile() + ")";
    }
    if (e instanceof NotDirectoryException n) {
      return "not a directory (" + n.getFile() + ")";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + " (" + f.getFile() + ")";
    }
    return String.valueOf(e.getMessage());
  }
}
