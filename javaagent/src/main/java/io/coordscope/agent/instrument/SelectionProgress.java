package io.coordscope.agent.instrument;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.core.MethodsInclude;
import io.coordscope.core.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the user selected and what of it has matched so far, for the first minute's messages: the
 * start-up line says what will be instrumented, one line says when the first method actually is,
 * and a while later a warning names the listed classes and methods that never matched (a typo
 * in {@code methods.include} is the commonest mistake). An application can load its classes late
 * (a slow start, a class first used on a request), so a class not loaded yet is not called a typo,
 * and there is a second look: each check names only what it has not named before, and a class
 * named as not loaded that loads later gets one line saying so. Memory: bounded by the number of
 * entries in the two method lists.
 */
public final class SelectionProgress {

  /** How long after start-up the never-matched entries are reported. */
  public static final long CHECK_AFTER_SECONDS = 60;
  /** The second look, for applications that load their classes late. */
  public static final long SECOND_CHECK_AFTER_SECONDS = 300;
  static final String THREAD_NAME = "coordscope-selection-check";

  private final Selection selection;
  private final AtomicBoolean firstSeen = new AtomicBoolean();
  /** Listed classes that have been loaded (transformed or not). */
  private final Set<String> loadedListedClasses = ConcurrentHashMap.newKeySet();
  /** {@code class#method} of listed methods that were instrumented. */
  private final Set<String> matchedListed = ConcurrentHashMap.newKeySet();
  /** Entries already warned about, so a later check names only what is new. */
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  public SelectionProgress(Selection selection) {
    this.selection = selection;
  }

  /**
   * {@code methods annotated @CoordinationOp or @Kpi; listed operations com.acme.Dispatcher[claim,
   * complete]; listed KPIs com.acme.Board[velocity]}.
   */
  public static String describe(Selection s) {
    StringBuilder sb = new StringBuilder("methods annotated ");
    String sep = "";
    for (String a : s.operationAnnotations()) {
      sb.append(sep).append('@').append(simple(a));
      sep = ", ";
    }
    for (String a : s.kpiAnnotations()) {
      sb.append(" or @").append(simple(a));
    }
    if (!s.methods().isEmpty()) {
      sb.append("; listed operations ").append(list(s.methods()));
    }
    if (!s.kpiMethods().isEmpty()) {
      sb.append("; listed KPIs ").append(list(s.kpiMethods()));
    }
    return sb.toString();
  }

  private static String simple(String annotation) {
    return annotation.startsWith("io.coordscope.annotations.") ? annotation.substring(annotation.lastIndexOf('.') + 1) : annotation;
  }

  private static String list(MethodsInclude m) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Set<String>> e : m.methodsByClass().entrySet()) {
      sb.append(sb.length() == 0 ? "" : ";").append(e.getKey()).append('[').append(String.join(",", e.getValue())).append(']');
    }
    return sb.toString();
  }

  /** A class that a method list names was loaded. */
  void classLoaded(String className) {
    if (selection.includedClasses().contains(className) && loadedListedClasses.add(className)
        && warned.contains(notLoaded(className))) {
      AgentLog.info("listed class " + className + " loaded after all (it was reported as not loaded yet)");
    }
  }

  /** A method was instrumented; {@code what} says as what and where. */
  void instrumented(String className, String methodName, String what) {
    if (selection.methods().includes(className, methodName) || selection.kpiMethods().includes(className, methodName)) {
      matchedListed.add(className + '#' + methodName);
    }
    if (firstSeen.compareAndSet(false, true)) {
      AgentLog.info("first method instrumented: " + what);
    }
  }

  /** Listed entries that matched nothing so far, each with the likely reason. */
  public List<String> unmatched() {
    List<String> out = new ArrayList<>();
    addUnmatched(selection.methods(), out);
    addUnmatched(selection.kpiMethods(), out);
    return out;
  }

  private void addUnmatched(MethodsInclude m, List<String> out) {
    for (Map.Entry<String, Set<String>> e : m.methodsByClass().entrySet()) {
      String cls = e.getKey();
      if (!loadedListedClasses.contains(cls)) {
        out.add(notLoaded(cls));
        continue;
      }
      for (String method : e.getValue()) {
        if (!matchedListed.contains(cls + '#' + method)) {
          out.add(cls + "." + method + " (the class declares no such method with code)");
        }
      }
    }
  }

  private static String notLoaded(String cls) {
    return cls + " (no class of that name loaded yet)";
  }

  /** Warns about {@link #unmatched} entries not warned about before; nothing when there are none. */
  public void warnUnmatched(long afterSeconds) {
    List<String> u = new ArrayList<>();
    for (String entry : unmatched()) {
      if (warned.add(entry)) {
        u.add(entry);
      }
    }
    if (!u.isEmpty()) {
      AgentLog.warn("after " + afterSeconds + " s, listed in methods.include or kpi.methods.include but never matched: "
          + String.join(", ", u) + "; check the spelling (Class[method,method], fully qualified class names)");
    }
  }

  /**
   * On a daemon thread, {@link #CHECK_AFTER_SECONDS} and {@link #SECOND_CHECK_AFTER_SECONDS} from
   * now; only when something is listed.
   */
  public void scheduleCheck() {
    if (selection.includedClasses().isEmpty()) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        TimeUnit.SECONDS.sleep(CHECK_AFTER_SECONDS);
        warnUnmatched(CHECK_AFTER_SECONDS);
        TimeUnit.SECONDS.sleep(SECOND_CHECK_AFTER_SECONDS - CHECK_AFTER_SECONDS);
        warnUnmatched(SECOND_CHECK_AFTER_SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable e) {
        AgentLog.debug("selection check failed: " + e);
      }
    }, THREAD_NAME);
    t.setDaemon(true);
    t.start();
  }
}
