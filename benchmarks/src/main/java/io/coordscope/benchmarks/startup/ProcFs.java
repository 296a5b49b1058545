package io.coordscope.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * What Linux's {@code /proc} says about a process: peak resident memory ({@code VmHWM}) and CPU
 * time. The CPU time of a child that has exited is only in its parent's {@code cutime}/{@code
 * cstime}, which the JDK's process reaper adds to when it reaps the child; so one child at a time
 * and the delta of {@link #childrenCpuMillis()} around it is that child's whole-process CPU time.
 */
final class ProcFs {

  /** Clock ticks per second of {@code /proc/PID/stat}; 100 on every Linux this runs on. */
  static final long TICKS_PER_SECOND = 100;

  private ProcFs() {}

  /** A {@code kB} line of {@code /proc/PID/status} (e.g. {@code VmHWM}), or -1 when unreadable. */
  static long statusKib(long pid, String field) {
    return statusKib(Long.toString(pid), field);
  }

  /**
   * The same for this process, through {@code /proc/self}: not {@code ProcessHandle.current()},
   * whose first use starts the JDK's process-reaper thread pool, work a do-nothing {@code main}
   * does not do (and a {@code ThreadPoolExecutor} an agent may instrument as it loads).
   */
  static long ownStatusKib(String field) {
    return statusKib("self", field);
  }

  private static long statusKib(String proc, String field) {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc", proc, "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith(field + ':')) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone.
    }
    return -1;
  }

  /** User + system CPU time of a live process in milliseconds, or -1. */
  static long cpuMillis(long pid) {
    long[] f = statFields(Paths.get("/proc", Long.toString(pid), "stat"));
    return f == null ? -1 : (f[0] + f[1]) * 1000 / TICKS_PER_SECOND;
  }

  /** CPU time of this process's reaped children (cutime + cstime) in milliseconds, or -1. */
  static long childrenCpuMillis() {
    long[] f = statFields(Paths.get("/proc/self/stat"));
    return f == null ? -1 : (f[2] + f[3]) * 1000 / TICKS_PER_SECOND;
  }

  /** utime, stime, cutime, cstime (fields 14–17 of proc(5)), in clock ticks. */
  private static long[] statFields(Path stat) {
    try {
      String s = new String(Files.readAllBytes(stat), StandardCharsets.UTF_8);
      // The command name (field 2) may contain spaces; everything after its ')' splits cleanly.
      String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
      // f[0] is field 3 (state), so field n is f[n - 3].
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
