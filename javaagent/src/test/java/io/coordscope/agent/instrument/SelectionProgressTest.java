package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.log.AgentLog;
import io.coordscope.core.Selection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first minute: what is selected, the first instrumented method, listed entries that never matched. */
class SelectionProgressTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private PrintStream previous;

  @BeforeEach
  void capture() {
    previous = AgentLog.out();
    AgentLog.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    AgentLog.setOut(previous);
  }

  private List<String> lines() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static Selection listed() {
    return Selection.of(Set.of(), Set.of(), "com.acme.Dispatcher[claim,complete];com.acme.Typo[run]", "com.acme.Board[velocity]");
  }

  @Test
  void theStartUpLineSaysWhatWillBeInstrumented() {
    assertThat(SelectionProgress.describe(Selection.of(Set.of(), Set.of(), "", "")))
        .isEqualTo("methods annotated @CoordinationOp or @Kpi");
    assertThat(SelectionProgress.describe(listed()))
        .isEqualTo("methods annotated @CoordinationOp or @Kpi; listed operations com.acme.Dispatcher[claim,complete];"
            + "com.acme.Typo[run]; listed KPIs com.acme.Board[velocity]");
    assertThat(SelectionProgress.describe(Selection.of(Set.of("com.acme.Traced"), Set.of(), "", "")))
        .isEqualTo("methods annotated @CoordinationOp, @com.acme.Traced or @Kpi");
  }

  @Test
  void theFirstInstrumentedMethodIsLoggedOnce() {
    SelectionProgress p = new SelectionProgress(listed());
    p.instrumented("com.acme.Dispatcher", "claim", "operation Dispatcher.claim at com.acme.Dispatcher.claim(java.lang.String)");
    p.instrumented("com.acme.Dispatcher", "complete", "operation Dispatcher.complete at com.acme.Dispatcher.complete()");

    assertThat(lines()).containsExactly(
        "[coordscope] INFO first method instrumented: operation Dispatcher.claim at com.acme.Dispatcher.claim(java.lang.String)");
  }

  @Test
  void listedClassesAndMethodsThatNeverMatchedAreNamedInOneWarning() {
    SelectionProgress p = new SelectionProgress(listed());
    p.classLoaded("com.acme.Dispatcher");
    p.classLoaded("com.acme.Board");
    p.classLoaded("com.acme.Unlisted");
    p.instrumented("com.acme.Dispatcher", "claim", "operation x");
    p.instrumented("com.acme.Board", "velocity", "KPI y");

    assertThat(p.unmatched()).containsExactly(
        "com.acme.Dispatcher.complete (the class declares no such method with code)",
        "com.acme.Typo (no class of that name loaded yet)");
    out.reset();
    p.warnUnmatched(60);
    assertThat(lines()).containsExactly(
        "[coordscope] WARN after 60 s, listed in methods.include or kpi.methods.include but never matched: "
            + "com.acme.Dispatcher.complete (the class declares no such method with code), com.acme.Typo (no class of that"
            + " name loaded yet); check the spelling (Class[method,method], fully qualified class names)");
  }

  @Test
  void aClassThatLoadsLateIsNotCalledATypoAndItsMissingMethodIsNamedAtTheSecondLook() {
    SelectionProgress p = new SelectionProgress(Selection.of(Set.of(), Set.of(), "com.acme.Late[claim,clam]", ""));
    out.reset();
    p.warnUnmatched(60);
    p.classLoaded("com.acme.Late");
    p.instrumented("com.acme.Late", "claim", "operation x");
    p.warnUnmatched(300);
    p.warnUnmatched(300);
    assertThat(lines()).containsExactly(
        "[coordscope] WARN after 60 s, listed in methods.include or kpi.methods.include but never matched: "
            + "com.acme.Late (no class of that name loaded yet); check the spelling (Class[method,method], fully qualified class names)",
        "[coordscope] INFO listed class com.acme.Late loaded after all (it was reported as not loaded yet)",
        "[coordscope] INFO first method instrumented: operation x",
        "[coordscope] WARN after 300 s, listed in methods.include or kpi.methods.include but never matched: "
            + "com.acme.Late.clam (the class declares no such method with code); check the spelling (Class[method,method], fully qualified class names)");
  }

  @Test
  void nothingIsWarnedWhenEverythingMatched() {
    SelectionProgress p = new SelectionProgress(Selection.of(Set.of(), Set.of(), "com.acme.Dispatcher[claim]", ""));
    p.classLoaded("com.acme.Dispatcher");
    p.instrumented("com.acme.Dispatcher", "claim", "operation x");
    out.reset();
    p.warnUnmatched(60);
    assertThat(lines()).isEmpty();
  }
}
