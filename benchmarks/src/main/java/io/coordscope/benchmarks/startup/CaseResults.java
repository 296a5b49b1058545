package io.coordscope.benchmarks.startup;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Everything measured for one case on one application, over all its runs. */
final class CaseResults {

  final AgentCase agentCase;
  final Samples timeToMain = new Samples();
  final Samples wall = new Samples();
  final Samples cpu = new Samples();
  final Samples peakRss = new Samples();
  final Samples firstOk = new Samples();
  final Set<String> jvmWarnings = new LinkedHashSet<>();
  final List<String> failures = new ArrayList<>();
  /** Why the case did not run at all, or null. */
  String skipped;
  /** "classes from the CDS archive / classes loaded" in one diagnostic run, or null. */
  String cds;

  CaseResults(AgentCase agentCase) {
    this.agentCase = agentCase;
  }

  void add(ProcessRun.Result r) {
    if (r.failure != null) {
      failures.add(r.failure);
      return;
    }
    timeToMain.add(r.timeToMainMs);
    wall.add(r.wallMs);
    cpu.add(r.cpuMs);
    peakRss.add(r.peakRssMib);
    firstOk.add(r.firstOkMs);
    jvmWarnings.addAll(r.jvmWarnings);
  }
}
