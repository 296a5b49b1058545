package io.coordscope.samples.demo;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The demo's terminal view. On a terminal it redraws one compact screen in place (ANSI "home"
 * and "clear to end"); otherwise it prints plain lines that can be grepped: one per service per
 * refresh, and one per event ({@code t=74s alert DemoErrorRatioHigh{job="worker"} firing}).
 */
final class LiveView {

  private static final int EVENTS_SHOWN = 8;

  private final PrintStream out;
  private final boolean tty;
  private final List<String> urls;
  private final Deque<String> events = new ArrayDeque<>();

  LiveView(PrintStream out, boolean tty, List<String> urls) {
    this.out = out;
    this.tty = tty;
    this.urls = List.copyOf(urls);
  }

  /** Records an event (fault switched, alert state changed, a trace found). */
  void event(long t, String text) {
    String line = "t=" + t + "s " + text;
    if (tty) {
      events.addLast(line);
      while (events.size() > EVENTS_SHOWN) {
        events.removeFirst();
      }
    } else {
      out.println(line);
    }
  }

  void render(long t, String phase, List<ServiceRow> rows, List<String> activeAlerts) {
    if (!tty) {
      rows.forEach(r -> out.println(r.plain(t)));
      out.flush();
      return;
    }
    StringBuilder b = new StringBuilder("\u001b[H\u001b[J");
    b.append(String.format(Locale.ROOT, "coordscope demo   t=%ds   %s%n%n", t, phase));
    b.append(String.format(Locale.ROOT, "%-12s %5s  %-9s %8s %8s %6s%n", "service", "score", "band", "req/s", "errors", "up"));
    for (ServiceRow r : rows) {
      b.append(String.format(
          Locale.ROOT, "%-12s %5s  %-9s %8s %8s %6s%n",
          r.service(), r.scoreText(), r.band(), r.rateText(), r.errorText(),
          r.targets() == 0 ? "" : r.up() + "/" + r.targets()));
    }
    b.append("\nalerts: ").append(activeAlerts.isEmpty() ? "none" : String.join("; ", activeAlerts)).append('\n');
    b.append("\nevents:\n");
    events.forEach(e -> b.append("  ").append(e).append('\n'));
    b.append('\n');
    urls.forEach(u -> b.append(u).append('\n'));
    b.append("\nPress Ctrl-C to stop (every process the demo started is stopped).\n");
    out.print(b);
    out.flush();
  }
}
