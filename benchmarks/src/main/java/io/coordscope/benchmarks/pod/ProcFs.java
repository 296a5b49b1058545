package io.coordscope.benchmarks.pod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU, resident memory and threads of a process tree from {@code /proc} (Linux). RSS counts pages
 * shared by two JVMs (libjvm, the CDS archive) twice; PSS splits them, closer to what a pod's
 * memory accounting charges.
 */
final class ProcFs {

  record Reading(double cpuSeconds, long rssBytes, long anonBytes, long pssBytes, int threads, int processes) {}

  /** Linux's USER_HZ, 100 on every usual kernel; {@code getconf CLK_TCK} would cost a process per reading. */
  private static final double TICKS_PER_SECOND = 100;

  private ProcFs() {}

  static Reading read(ProcessHandle root) {
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
      Path proc = Path.of("/proc", Long.toString(p.pid()));
      try {
        String stat = Files.readString(proc.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        cpu += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        for (String line : Files.readAllLines(proc.resolve("status"))) {
          if (line.startsWith("VmRSS:")) {
            rss += kib(line);
          } else if (line.startsWith("RssAnon:")) {
            anon += kib(line);
          } else if (line.startsWith("Threads:")) {
            threads += (int) (kib(line) / 1024);
          }
        }
        for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
          if (line.startsWith("Pss:")) {
            pss += kib(line);
          }
        }
        n++;
      } catch (IOException | RuntimeException e) {
        // the process ended between listing and reading
      }
    }
    return new Reading(cpu, rss, anon, pss, threads, n);
  }

  /** The number of a {@code /proc} line, times 1024 (kB lines become bytes). */
  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
  }
}
