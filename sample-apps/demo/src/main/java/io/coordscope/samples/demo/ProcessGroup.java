package io.coordscope.samples.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every process the demo starts, stopped together: SIGTERM to each (and its children), a grace
 * period, then SIGKILL. Stopping is idempotent and also runs from a shutdown hook, so Ctrl-C
 * leaves nothing behind.
 */
final class ProcessGroup {

  /** A started process and where its output goes. */
  record Started(String name, Process process, Path log) {}

  private final List<Started> started = new ArrayList<>();

  /**
   * Starts a command with stdout and stderr appended to {@code log}; {@code env} entries with a
   * null value are removed from the inherited environment.
   */
  synchronized Started start(String name, List<String> command, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getValue() == null) {
        pb.environment().remove(e.getKey());
      } else {
        pb.environment().put(e.getKey(), e.getValue());
      }
    }
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    Started s = new Started(name, pb.start(), log);
    started.add(s);
    return s;
  }

  synchronized List<Started> all() {
    return List.copyOf(started);
  }

  /** The first started process that has exited, or null. */
  synchronized Started firstDead() {
    for (Started s : started) {
      if (!s.process.isAlive()) {
        return s;
      }
    }
    return null;
  }

  /** Stops everything, newest first; returns how many processes were still running. */
  synchronized int stopAll() {
    int running = 0;
    List<ProcessHandle> handles = new ArrayList<>();
    for (int i = started.size() - 1; i >= 0; i--) {
      Process p = started.get(i).process;
      if (p.isAlive()) {
        running++;
      }
      p.descendants().forEach(handles::add);
      handles.add(p.toHandle());
    }
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (ProcessHandle h : handles) {
      long left = deadline - System.nanoTime();
      try {
        h.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    started.clear();
    return running;
  }
}
