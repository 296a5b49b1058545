package io.coordscope.sidecar.scrape;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The target groups of one {@link FileSdConfig}, re-read when a file's modification time or size
 * changes (polled by {@link #refresh()}). A file that fails to read keeps its last good groups
 * and its error is reported until it reads again; a file that disappears drops its groups.
 */
final class FileSdDiscovery {

  private record FileState(FileTime mtime, long size, List<TargetGroup> groups, String error) {}

  private final FileSdConfig config;
  private final Map<Path, FileState> files = new LinkedHashMap<>();

  FileSdDiscovery(FileSdConfig config) {
    this.config = config;
  }

  FileSdConfig config() {
    return config;
  }

  /** Re-reads changed files; returns true when the set of groups may have changed. */
  synchronized boolean refresh() {
    boolean changed = false;
    TreeSet<Path> present = resolve();
    changed |= files.keySet().retainAll(present);
    for (Path p : present) {
      FileTime mtime;
      long size;
      try {
        mtime = Files.getLastModifiedTime(p);
        size = Files.size(p);
      } catch (IOException e) {
        continue; // vanished between listing and reading: next refresh sees it gone
      }
      FileState old = files.get(p);
      if (old != null && old.mtime.equals(mtime) && old.size == size) {
        continue;
      }
      try {
        files.put(p, new FileState(mtime, size, FileSdReader.read(p), ""));
        changed = true;
      } catch (IOException e) {
        List<TargetGroup> keep = old == null ? List.of() : old.groups;
        files.put(p, new FileState(mtime, size, keep, e.getMessage()));
      }
    }
    return changed;
  }

  synchronized List<TargetGroup> groups() {
    List<TargetGroup> out = new ArrayList<>();
    files.values().forEach(f -> out.addAll(f.groups));
    return out;
  }

  /** Current read errors by file (empty when all files read). */
  synchronized Map<String, String> errors() {
    Map<String, String> out = new LinkedHashMap<>();
    files.forEach((p, f) -> {
      if (!f.error.isEmpty()) {
        out.put(p.toString(), f.error);
      }
    });
    return out;
  }

  /** Files named by the config; a {@code *} or {@code ?} in the file name is a glob. */
  private TreeSet<Path> resolve() {
    TreeSet<Path> out = new TreeSet<>();
    for (String pattern : config.files()) {
      Path p = Paths.get(pattern);
      String name = p.getFileName() == null ? "" : p.getFileName().toString();
      if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
        continue;
      }
      Path dir = p.getParent() == null ? Paths.get(".") : p.getParent();
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path f : ds) {
          if (m.matches(f.getFileName()) && Files.isRegularFile(f)) {
            out.add(f);
          }
        }
      } catch (IOException e) {
        // A missing directory means no files, as in Prometheus.
      }
    }
    return out;
  }
}
