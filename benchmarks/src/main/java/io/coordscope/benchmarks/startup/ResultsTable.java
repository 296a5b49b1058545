package io.coordscope.benchmarks.startup;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The results as markdown: one table per application, medians with min–max, deltas and ratios to no agent. */
final class ResultsTable {

  private ResultsTable() {}

  static String hello(List<CaseResults> rows, int runs) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Do-nothing `main` (").append(runs).append(" interleaved runs per case, fresh JVM each)\n\n");
    sb.append("| case | time to main, ms | wall, ms | CPU, ms | peak RSS, MiB | CDS classes / loaded | JVM warning |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    CaseResults base = baseline(rows);
    for (CaseResults r : rows) {
      sb.append("| ").append(r.agentCase.label).append(" | ");
      if (r.skipped != null) {
        sb.append("skipped: ").append(r.skipped).append(" | | | | | |\n");
        continue;
      }
      sb.append(cell(r, base, c -> c.timeToMain, "")).append(" | ");
      sb.append(cell(r, base, c -> c.wall, "")).append(" | ");
      sb.append(cell(r, base, c -> c.cpu, "")).append(" | ");
      sb.append(cell(r, base, c -> c.peakRss, "")).append(" | ");
      sb.append(r.cds == null ? "" : r.cds).append(" | ");
      sb.append(warnings(r)).append(" |\n");
    }
    return sb.append(failures(rows)).toString();
  }

  static String spring(List<CaseResults> rows, int runs) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Spring Boot ledger (`sample-apps/ledger`, ").append(runs)
        .append(" interleaved runs per case): until the first HTTP 200\n\n");
    sb.append("| case | first 200, ms | CPU at first 200, ms | peak RSS at first 200, MiB | JVM warning |\n");
    sb.append("|---|---|---|---|---|\n");
    CaseResults base = baseline(rows);
    for (CaseResults r : rows) {
      sb.append("| ").append(r.agentCase.label).append(" | ");
      if (r.skipped != null) {
        sb.append("skipped: ").append(r.skipped).append(" | | | |\n");
        continue;
      }
      sb.append(cell(r, base, c -> c.firstOk, "")).append(" | ");
      sb.append(cell(r, base, c -> c.cpu, "")).append(" | ");
      sb.append(cell(r, base, c -> c.peakRss, "")).append(" | ");
      sb.append(warnings(r)).append(" |\n");
    }
    CaseResults ours = find(rows, AgentCase.COORDSCOPE);
    CaseResults otel = find(rows, AgentCase.OTEL);
    if (base != null && ours != null && otel != null && !ours.firstOk.isEmpty() && !otel.firstOk.isEmpty()) {
      double b = base.firstOk.median();
      double oursAdds = ours.firstOk.median() - b;
      double otelAdds = otel.firstOk.median() - b;
      sb.append(String.format(Locale.ROOT, "%nStart-up added to the first 200: coordscope %+.0f ms, OpenTelemetry %+.0f ms",
          oursAdds, otelAdds));
      if (otelAdds > 0) {
        sb.append(String.format(Locale.ROOT, " (coordscope's is %.2f of OpenTelemetry's)", oursAdds / otelAdds));
      }
      sb.append(".\n");
    }
    return sb.append(failures(rows)).toString();
  }

  /** {@code median (min–max), +delta, ×ratio} against the no-agent case. */
  static String cell(CaseResults r, CaseResults base, Function<CaseResults, Samples> measure, String unit) {
    Samples s = measure.apply(r);
    if (s.isEmpty()) {
      return "–";
    }
    String v = String.format(Locale.ROOT, "%.0f%s (%.0f–%.0f)", s.median(), unit, s.min(), s.max());
    if (base == null || base == r || measure.apply(base).isEmpty()) {
      return v;
    }
    double b = measure.apply(base).median();
    return v + String.format(Locale.ROOT, ", %+.0f, ×%.2f", s.median() - b, b == 0 ? Double.NaN : s.median() / b);
  }

  private static String warnings(CaseResults r) {
    return r.jvmWarnings.isEmpty() ? "none" : String.join("<br>", r.jvmWarnings).replace("|", "\\|");
  }

  private static String failures(List<CaseResults> rows) {
    StringBuilder sb = new StringBuilder();
    for (CaseResults r : rows) {
      for (String f : r.failures) {
        sb.append("\n- failed run of ").append(r.agentCase.label).append(": ").append(f.replace('\n', ' '));
      }
    }
    return sb.length() == 0 ? "" : sb.append('\n').toString();
  }

  private static CaseResults baseline(List<CaseResults> rows) {
    return find(rows, AgentCase.NONE);
  }

  private static CaseResults find(List<CaseResults> rows, AgentCase c) {
    for (CaseResults r : rows) {
      if (r.agentCase == c && r.skipped == null) {
        return r;
      }
    }
    return null;
  }
}
