package io.coordscope.benchmarks.sidecar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time, resident memory and threads of a process and all its descendants, from {@code /proc}
 * (Linux): the sidecar's launcher JVM and the JVM it starts count together. RSS counts pages
 * shared by two JVMs (libjvm, the CDS archive) twice; PSS splits them, closer to what a pod's
 * memory accounting charges. Used by the load benchmark and the per-pod one.
 */
public final class ProcessStats {

  /**
   * One reading of the tree; {@code anonBytes} is the part of RSS not backed by files (heap,
   * metaspace, stacks), {@code pssBytes} the proportional set size.
   */
  public record Reading(double cpuSeconds, long rssBytes, long anonBytes, long pssBytes, int threads, int processes) {}

  private static final double TICKS_PER_SECOND = clockTicks();

  private ProcessStats() {}

  public static Reading read(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    double cpu = 0;
    long rss = 0;
    long anon = 0;
    long pss = 0;
    int threads = 0;
    int n = 0;
    for (ProcessHandle p : tree) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        // Fields after the parenthesised command: state is field 3, utime 14, stime 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        cpu += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
          if (line.startsWith("VmRSS:")) {
            rss += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          } else if (line.startsWith("RssAnon:")) {
            anon += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          } else if (line.startsWith("Threads:")) {
            threads += Integer.parseInt(line.replaceAll("[^0-9]", ""));
          }
        }
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "smaps_rollup"))) {
          if (line.startsWith("Pss:")) {
            pss += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
          }
        }
        n++;
      } catch (IOException | RuntimeException e) {
        // the process ended between listing and reading
      }
    }
    return new Reading(cpu, rss, anon, pss, threads, n);
  }

  /**
   * CPU seconds of the JVM threads that collect garbage, in the tree: {@code VM Thread} (where the
   * serial collector runs, and G1's safepoint work), {@code GC Thread#N}, and G1's concurrent
   * threads ({@code G1 ...}), or Shenandoah's ({@code Shenandoah ...}: its control and worker
   * threads). Unlike {@code -Xlog:gc+cpu}, which logs pauses only (and nothing for Shenandoah),
   * this includes the concurrent marking, refinement and evacuation.
   */
  public static double collectorCpuSeconds(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>();
    tree.add(root);
    root.descendants().forEach(tree::add);
    double cpu = 0;
    for (ProcessHandle p : tree) {
      Path tasks = Path.of("/proc", Long.toString(p.pid()), "task");
      try (var threads = Files.list(tasks)) {
        for (Path t : (Iterable<Path>) threads::iterator) {
          try {
            String stat = Files.readString(t.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")
                || name.startsWith("Shenandoah")) {
              String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              cpu += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
            }
          } catch (IOException | RuntimeException e) {
            // the thread ended between listing and reading
          }
        }
      } catch (IOException | RuntimeException e) {
        // the process ended
      }
    }
    return cpu;
  }

  private static double clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Double.parseDouble(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
