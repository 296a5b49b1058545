package io.coordscope.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.coordscope.agent.instrument.fixture.IgnoredShapes;
import io.coordscope.agent.instrument.fixture.LoaderService;
import io.coordscope.agent.instrument.fixture.PlainService;
import io.coordscope.agent.instrument.fixture.PreloadedService;
import io.coordscope.agent.instrument.fixture.Selected;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which methods are selected, and what happens to the ones that cannot be. */
class SelectionTest {

  private RecordingHandler h;

  @BeforeEach
  void setUp() {
    h = TestAgent.handler();
  }

  @Test
  void extraAnnotationNamesSelectOperationsAndKpis() {
    Selected s = new Selected();
    s.scheduled();
    s.unnamed();
    assertThat(s.depth()).isEqualTo(4);

    assertThat(h.events())
        .containsExactly("enter#1 third.party", "exit#1 third.party", "enter#2 Selected.unnamed", "exit#2 Selected.unnamed", "kpi third.kpi=4.0");
    assertThat(h.spec("third.party").kind).isEqualTo("schedule");
    assertThat(TestAgent.REGISTRY.kpi(KpiAdviceTest.kpiId("third.kpi")).unit).as("a non-String unit attribute is not used").isEmpty();
  }

  @Test
  void aMethodCanBeOperationAndKpiAtOnce() {
    assertThat(new Selected().opAndKpi()).isEqualTo(6);

    assertThat(h.events()).containsExactlyInAnyOrder("enter#1 both.op", "kpi both.kpi=6.0", "exit#1 both.op");
  }

  @Test
  void methodsIncludeSelectsListedMethodsAndAllTheirOverloads() {
    PlainService p = new PlainService();
    assertThat(p.claim("a")).isEqualTo("c-a");
    assertThat(p.claim("b", 2)).isEqualTo("c-b-2");
    p.complete();
    p.notListed();
    assertThat(p.backlog()).isEqualTo(17);
    new PlainService.Inner().run();

    assertThat(h.events())
        .containsExactly(
            "enter#1 PlainService.claim", "exit#1 PlainService.claim",
            "enter#2 PlainService.claim", "exit#2 PlainService.claim",
            "enter#3 PlainService.complete", "exit#3 PlainService.complete",
            "kpi PlainService.backlog=17.0",
            "enter#4 Inner.run", "exit#4 Inner.run");
  }

  @Test
  void classLoadedBeforeInstallIsRetransformed() {
    assertThat(TestAgent.PRELOADED_BEFORE_INSTALL).as("fixture loaded before the transformer").isTrue();

    assertThat(PreloadedService.work()).isEqualTo("done");

    assertThat(h.events()).containsExactly("enter#1 preloaded.op", "exit#1 preloaded.op");
  }

  @Test
  void classOfACustomClassLoaderIsInstrumented() throws Exception {
    ClassLoader child = new ChildFirstLoader(getClass().getClassLoader(), LoaderService.class.getName());
    Class<?> c = child.loadClass(LoaderService.class.getName());
    assertThat(c).isNotSameAs(LoaderService.class);
    assertThat(c.getClassLoader()).isSameAs(child);

    Method call = c.getMethod("call");
    assertThat(call.invoke(c.getDeclaredConstructor().newInstance())).isEqualTo("ChildFirstLoader");

    assertThat(h.events()).containsExactly("enter#1 loader.op", "exit#1 loader.op");
  }

  @Test
  void constructorsAbstractAndNonNumericKpisAreIgnoredWithOneWarningEach() throws Exception {
    IgnoredShapes s = new IgnoredShapes.Impl();
    s.notImplementedHere();
    s.name();
    s.flag();
    s.label();
    s.both();
    // A second class loader defines the class again: no second warning.
    new ChildFirstLoader(getClass().getClassLoader(), IgnoredShapes.class.getName()).loadClass(IgnoredShapes.class.getName()).getMethods();

    assertThat(h.events()).containsExactly("enter#1 op.with.bad.kpi", "exit#1 op.with.bad.kpi");
    String cls = IgnoredShapes.class.getName();
    assertThat(warningsAbout(cls + ".<init>()")).hasSize(1).allMatch(l -> l.contains("constructors are not operations"));
    assertThat(warningsAbout(cls + ".notImplementedHere()")).hasSize(1).allMatch(l -> l.contains("abstract method"));
    assertThat(warningsAbout(cls + ".name()")).hasSize(1).allMatch(l -> l.contains("not java.lang.String"));
    assertThat(warningsAbout(cls + ".flag()")).hasSize(1).allMatch(l -> l.contains("not boolean"));
    assertThat(warningsAbout(cls + ".label()")).hasSize(1).allMatch(l -> l.contains("java.util.Optional<java.lang.String>"));
    assertThat(warningsAbout(cls + ".both()")).hasSize(1).allMatch(l -> l.contains("not void"));
    assertThat(TestAgent.STATS.ignoredMethods.get()).isGreaterThanOrEqualTo(6);
  }

  private static List<String> warningsAbout(String method) {
    return TestAgent.logLines().stream().filter(l -> l.startsWith("[coordscope] WARN ignored " + method)).toList();
  }

  /** Defines the named class itself (from the parent's bytes), delegating everything else. */
  static final class ChildFirstLoader extends ClassLoader {
    private final String name;

    ChildFirstLoader(ClassLoader parent, String name) {
      super(parent);
      this.name = name;
    }

    @Override
    protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
      if (!n.equals(name)) {
        return super.loadClass(n, resolve);
      }
      synchronized (getClassLoadingLock(n)) {
        Class<?> c = findLoadedClass(n);
        if (c == null) {
          try (InputStream in = getParent().getResourceAsStream(n.replace('.', '/') + ".class")) {
            byte[] b = in.readAllBytes();
            c = defineClass(n, b, 0, b.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(n, e);
          }
        }
        return c;
      }
    }
  }
}
